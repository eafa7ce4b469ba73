<?xml version="1.0" encoding="UTF-8"?>
<!-- Footnotes: a superscript marker at the reference point that links to the
     note in the list at the end (so notes work without JavaScript); the
     script opens the same note in place as a popover. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:render"
    exclude-result-prefixes="#all">

  <xsl:template match="tei:note" mode="ed:html">
    <sup class="note-ref"><a id="{ed:note-ref-anchor(.)}" href="#{ed:note-anchor(.)}" data-note="{ed:note-anchor(.)}"
        aria-label="{ed:label('note')} {ed:note-label(.)}"><xsl:value-of select="ed:note-label(.)"/></a></sup>
  </xsl:template>

  <xsl:template name="ed:notes-list">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="notes" select="$doc//tei:note[not(ancestor::tei:teiHeader)]"/>
    <xsl:if test="exists($notes)">
      <section class="notes" aria-labelledby="notes-head">
        <h2 id="notes-head"><xsl:value-of select="ed:label('notes')"/></h2>
        <ol class="notes-list">
          <xsl:for-each select="$notes">
            <li id="{ed:note-anchor(.)}">
              <a class="note-back" href="#{ed:note-ref-anchor(.)}"
                  aria-label="{ed:note-label(.)}: {ed:label('back-to-text')}"><xsl:value-of select="ed:note-label(.)"/></a>
              <div class="note-body">
                <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="ed:bcp47(@xml:lang)"/></xsl:if>
                <xsl:apply-templates mode="ed:note-content"/>
              </div>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Inside a note: the same rendering as the text, except that a note in a
       note (never in the sources so far) stays a marker rather than nesting
       the whole list. -->
  <xsl:template match="node()" mode="ed:note-content">
    <xsl:apply-templates select="." mode="ed:html"/>
  </xsl:template>
</xsl:stylesheet>
