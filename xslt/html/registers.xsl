<?xml version="1.0" encoding="UTF-8"?>
<!-- Register pages (persons, places, organisations): every entry of
     tei/registers.xml in Turkish alphabetical order, with its other names and
     every mention in every text, each linked to the mention's own id. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:render"
    exclude-result-prefixes="#all">

  <xsl:key name="ed:mentions" match="tei:text//tei:persName | tei:text//tei:placeName | tei:text//tei:orgName" use="ed:entry-id(.)"/>

  <xsl:template name="ed:register-page">
    <xsl:param name="register" as="xs:string" required="yes"/>
    <xsl:variable name="entries" select="
        if ($register = 'persons') then $ed:registers//tei:listPerson/tei:person
        else if ($register = 'places') then $ed:registers//tei:listPlace/tei:place
        else $ed:registers//tei:listOrg/tei:org"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="ed:label($register)"/>
      <xsl:with-param name="current" select="$register"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="ed:label($register)"/></h1>
        <xsl:if test="empty($ed:registers)">
          <p class="empty"><xsl:value-of select="ed:label('no-register')"/></p>
        </xsl:if>
        <xsl:if test="exists($entries)">
          <ol class="register">
            <xsl:for-each select="$entries">
              <xsl:sort select="ed:sort-key(ed:entry-name(.))" collation="http://www.w3.org/2005/xpath-functions/collation/codepoint"/>
              <xsl:sort select="ed:entry-name(.)"/>
              <xsl:variable name="id" select="string(@xml:id)"/>
              <li class="entry" id="{$id}">
                <h2><xsl:value-of select="ed:entry-name(.)"/></h2>
                <xsl:call-template name="ed:entry-summary-without-link"/>
                <xsl:call-template name="ed:occurrences">
                  <xsl:with-param name="id" select="$id"/>
                </xsl:call-template>
              </li>
            </xsl:for-each>
          </ol>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="ed:entry-summary-without-link">
    <xsl:variable name="summary"><xsl:call-template name="ed:entry-summary"/></xsl:variable>
    <xsl:sequence select="$summary/*[not(@class = ('entry-name', 'entry-link'))]"/>
  </xsl:template>

  <xsl:template name="ed:occurrences">
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="by-text" select="$ed:documents ! map{ 'doc': ., 'mentions': key('ed:mentions', $id, .) }[exists(?mentions)]"/>
    <xsl:choose>
      <xsl:when test="empty($by-text)">
        <p class="no-occurrences"><xsl:value-of select="ed:label('no-occurrences')"/></p>
      </xsl:when>
      <xsl:otherwise>
        <h3 class="occurrences-head"><xsl:value-of select="ed:label('occurrences')"/></h3>
        <ul class="occurrences">
          <xsl:for-each select="$by-text">
            <xsl:variable name="doc-id" select="ed:doc-id(?doc)"/>
            <li>
              <a href="{$doc-id}.html"><cite><xsl:value-of select="ed:title(?doc)"/></cite></a>
              <xsl:text>: </xsl:text>
              <xsl:for-each select="?mentions">
                <a href="{$doc-id}.html#{ed:mention-anchor(.)}" class="occurrence">
                  <xsl:value-of select="ed:label('page')"/>&#160;<xsl:value-of select="ed:page-of(.)"/>
                  <xsl:if test="ancestor::tei:note"> (<xsl:value-of select="ed:label('note')"/>&#160;<xsl:value-of select="ed:note-label(ancestor::tei:note[1])"/>)</xsl:if>
                  <xsl:variable name="form" select="normalize-space(.)"/>
                  <xsl:if test="ed:sort-key($form) ne ed:sort-key(ed:entry-name(ed:entry(.)))">: <span class="form"><xsl:value-of select="$form"/></span></xsl:if>
                </a>
                <xsl:if test="position() ne last()">, </xsl:if>
              </xsl:for-each>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
