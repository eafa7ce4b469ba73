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
    <p class="legend"><xsl:value-of select="ed:label('chronology-legend')"/></p>
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

  <!-- A date as precisely as the TEI gives it, in the page's language:
       "31 Mart 1918", "Temmuz 1903" (a month, never "1903-07", which reads
       as a range), "1918"; a span from/to with a dash; notBefore/notAfter
       as "between … and …"; an inferred date (cert low/medium, evidence
       conjecture) says so in words, as the legend above the table explains. -->
  <xsl:function name="ed:date-label" as="xs:string">
    <xsl:param name="date" as="element(tei:date)"/>
    <xsl:variable name="from" select="$date/(@from, @notBefore)[1]"/>
    <xsl:variable name="to" select="$date/(@to, @notAfter)[1]"/>
    <xsl:variable name="span" select="
        if (exists($date/@when)) then ed:iso-date-label($date/@when)
        else if ($date/@notBefore and $date/@notAfter and empty($date/(@from, @to)))
          then replace(replace(ed:label('date-between'), '\{1\}', ed:iso-date-label($from)), '\{2\}', ed:iso-date-label($to))
        else string-join(($from, $to) ! ed:iso-date-label(.), ' – ')"/>
    <xsl:sequence select="$span || (if ($date/@cert = ('low', 'medium') or $date/@evidence = 'conjecture') then ' (' || ed:label('date-inferred') || ')' else '')"/>
  </xsl:function>

  <!-- 1918-03-31 → 31 Mart 1918; 1903-07 → Temmuz 1903; else as written. -->
  <xsl:function name="ed:iso-date-label" as="xs:string">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:variable name="parts" select="analyze-string($iso, '^(-?\d{4})(-(\d{2}))?(-(\d{2}))?$')//*:group"/>
    <xsl:variable name="month" select="$parts[@nr = 3]/string()"/>
    <xsl:sequence select="
        if (empty($parts) or ($month and not(xs:integer($month) = 1 to 12))) then $iso
        else string-join((
            $parts[@nr = 5] ! string(xs:integer(.)),
            $month[.] ! ed:label('month-' || .),
            $parts[@nr = 1]/string()), ' ')"/>
  </xsl:function>
</xsl:stylesheet>
