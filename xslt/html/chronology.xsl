<?xml version="1.0" encoding="UTF-8"?>
<!-- Chronology: every dated mention of every text in date order, with the
     sentence it stands in, linked to the spot in the text. Dates inside
     citations (publication years) are not events and stay out. Per text
     (ed:chronology-parts): one rendered row per dated mention, with the keys
     the page sorts by. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:render"
    exclude-result-prefixes="#all">

  <xsl:template name="ed:chronology-page">
    <xsl:param name="parts" as="document-node()?"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="ed:label('chronology')"/>
      <xsl:with-param name="current" select="'chronology'"/>
      <xsl:with-param name="content-request" as="element()"><ed:chronology-content/></xsl:with-param>
      <xsl:with-param name="parts" select="$parts" tunnel="yes"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="ed:chronology-content" mode="ed:page-content">
    <xsl:param name="parts" as="document-node()?" tunnel="yes"/>
    <xsl:variable name="rows" select="$parts/parts/row"/>
    <h1><xsl:value-of select="ed:label('chronology')"/></h1>
    <xsl:choose>
      <xsl:when test="empty($rows)"><p class="empty"><xsl:value-of select="ed:label('no-dates')"/></p></xsl:when>
      <xsl:otherwise>
        <table class="chronology">
          <caption class="visually-hidden"><xsl:value-of select="ed:label('chronology')"/></caption>
          <thead>
            <tr>
              <th scope="col"><xsl:value-of select="ed:label('date')"/></th>
              <th scope="col"><xsl:value-of select="ed:label('mention')"/></th>
              <th scope="col"><xsl:value-of select="ed:label('text')"/></th>
            </tr>
          </thead>
          <tbody>
            <!-- By date, then text, then place in the text. -->
            <xsl:for-each select="$rows">
              <xsl:sort select="@date"/>
              <xsl:sort select="@text"/>
              <xsl:sort select="@mention" data-type="number"/>
              <xsl:sequence select="node()"/>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:function name="ed:chronology-parts" as="element(row)*">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="doc-id" select="ed:doc-id($doc)"/>
    <xsl:variable name="title" select="ed:title($doc)"/>
    <xsl:variable name="title-key" select="ed:sort-key($title)"/>
    <!-- Dates of one block in a row share the block's texts. -->
    <xsl:for-each-group select="ed:texts($doc)//tei:date[ed:is-dated-mention(.)]" group-adjacent="string(ed:sentence-block(.) ! generate-id(.))">
      <xsl:variable name="texts" select="ed:block-texts(ed:sentence-block(.))"/>
      <xsl:for-each select="current-group()">
        <xsl:variable name="sentence" select="ed:sentence-in(., $texts)"/>
        <row date="{ed:date-key(.)}" text="{$title-key}" mention="{accumulator-before('ed:mention')}">
          <tr id="{ed:chronology-anchor(.)}">
            <th scope="row"><xsl:value-of select="ed:date-label(.)"/></th>
            <td lang="{(ancestor-or-self::*/@xml:lang)[last()]}">
              <xsl:value-of select="$sentence?before"/>
              <mark><xsl:value-of select="$sentence?mention"/></mark>
              <xsl:value-of select="$sentence?after"/>
            </td>
            <td>
              <a href="{$doc-id}.html#{ed:mention-anchor(.)}"><cite><xsl:value-of select="$title"/></cite>, <xsl:value-of select="ed:label('page')"/>&#160;<xsl:value-of select="ed:page-of(.)"/></a>
            </td>
          </tr>
        </row>
      </xsl:for-each>
    </xsl:for-each-group>
  </xsl:function>

  <!-- ISO dates as written in the TEI: 1918-03-31, 1917-11-01 – 1918-02-28,
       with "~" for an inferred (conjectural) date. -->
  <xsl:function name="ed:date-label" as="xs:string">
    <xsl:param name="date" as="element(tei:date)"/>
    <xsl:variable name="range" select="string-join(($date/(@from, @notBefore)[1], $date/(@to, @notAfter)[1]) ! string(), ' – ')"/>
    <xsl:sequence select="(if ($date/@cert = ('low', 'medium') or $date/@evidence = 'conjecture') then '~' else '')
        || ($date/@when ! string(), $range)[. ne ''][1]"/>
  </xsl:function>
</xsl:stylesheet>
