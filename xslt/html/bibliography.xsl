<?xml version="1.0" encoding="UTF-8"?>
<!-- Bibliography: the works cited in the texts (their bibl elements), one
     entry per work, each with every place it is cited from. "a.g.e." /
     "a.g.m." (op. cit.) citations are counted under the work they repeat: the
     latest earlier citation of the same author with a real title. Per text
     (ed:bibliography-parts): each citation, rendered, with the key of its
     work and the work rendered as the entry would show it. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:render"
    exclude-result-prefixes="#all">

  <xsl:function name="ed:is-op-cit" as="xs:boolean">
    <xsl:param name="bibl" as="element(tei:bibl)"/>
    <xsl:variable name="title" select="normalize-space($bibl/tei:title[1])"/>
    <xsl:sequence select="matches($title, '^a\.\s?g\.\s?[em]\.?$', 'i')
        or ($title = '' and matches(string($bibl), '(^|\W)a\.\s?g\.\s?[em]\.', 'i'))"/>
  </xsl:function>

  <!-- The bibl that names the work a citation refers to. -->
  <xsl:function name="ed:work-bibl" as="element(tei:bibl)">
    <xsl:param name="bibl" as="element(tei:bibl)"/>
    <xsl:variable name="author" select="ed:sort-key($bibl/tei:author[1])"/>
    <xsl:sequence select="if (not(ed:is-op-cit($bibl))) then $bibl else
        ($bibl/preceding::tei:bibl[ancestor::tei:text][not(ed:is-op-cit(.))]
            [$author eq '' or ed:sort-key(tei:author[1]) eq $author][1], $bibl)[1]"/>
  </xsl:function>

  <!-- A work is its author, title and year; a periodical ("level j") is one
       work whatever the issue. -->
  <xsl:function name="ed:work-key" as="xs:string">
    <xsl:param name="bibl" as="element(tei:bibl)"/>
    <xsl:variable name="work" select="ed:work-bibl($bibl)"/>
    <xsl:sequence select="string-join((
        ed:sort-key($work/tei:author[1]),
        ed:sort-key($work/tei:title[1]),
        if ($work/tei:title[@level = 'j']) then '' else substring(string(($work/tei:date/@when, $work/tei:date)[1]), 1, 4)), '|')"/>
  </xsl:function>

  <xsl:template name="ed:bibliography-page">
    <xsl:param name="parts" as="document-node()?"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="ed:label('bibliography')"/>
      <xsl:with-param name="current" select="'bibliography'"/>
      <xsl:with-param name="content-request" as="element()"><ed:bibliography-content/></xsl:with-param>
      <xsl:with-param name="parts" select="$parts" tunnel="yes"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="ed:bibliography-content" mode="ed:page-content">
    <xsl:param name="parts" as="document-node()?" tunnel="yes"/>
    <h1><xsl:value-of select="ed:label('bibliography')"/></h1>
    <ol class="bibliography">
      <xsl:for-each-group select="$parts/parts/citation" group-by="@work">
        <!-- By author, or title where there is no author, in Turkish order. -->
        <xsl:sort select="@sort" collation="http://www.w3.org/2005/xpath-functions/collation/codepoint"/>
        <xsl:sort select="current-grouping-key()" collation="http://www.w3.org/2005/xpath-functions/collation/codepoint"/>
        <!-- The fullest citation of the group describes the work. -->
        <xsl:variable name="work" select="(sort(current-group(), (), function($c) { - xs:integer($c/@size) }))[1]"/>
        <li id="work-{position()}">
          <p class="work"><xsl:sequence select="$work/work/node()"/></p>
          <p class="cited-in">
            <xsl:value-of select="ed:label('cited-in')"/>
            <xsl:text>: </xsl:text>
            <xsl:for-each select="current-group()">
              <xsl:sequence select="a"/>
              <xsl:if test="position() ne last()">; </xsl:if>
            </xsl:for-each>
          </p>
        </li>
      </xsl:for-each-group>
    </ol>
  </xsl:template>

  <!-- @work groups citations of one work; @sort orders the works; @size
       (how many parts the work's bibl has) picks the fullest description. -->
  <xsl:function name="ed:bibliography-parts" as="element(citation)*">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:for-each select="ed:texts($doc)//tei:bibl[tei:author or tei:title or ed:is-op-cit(.)]">
      <xsl:variable name="work" select="ed:work-bibl(.)"/>
      <xsl:variable name="note" select="ancestor::tei:note[1]"/>
      <citation work="{ed:work-key(.)}" sort="{ed:sort-key(($work/(tei:author, tei:title))[1])}" size="{count($work/*)}">
        <work><xsl:apply-templates select="$work" mode="ed:work"/></work>
        <a href="{ed:doc-id(.)}.html#{ed:bibl-anchor(.)}">
          <cite><xsl:value-of select="ed:title(.)"/></cite>
          <xsl:text>, </xsl:text>
          <xsl:value-of select="if ($note) then ed:label('note') || '&#160;' || ed:note-label($note) else ed:label('in-text')"/>
          <xsl:text> (</xsl:text>
          <xsl:value-of select="ed:label('page')"/>&#160;<xsl:value-of select="ed:page-of(.)"/>
          <xsl:text>)</xsl:text>
          <xsl:for-each select="tei:biblScope[normalize-space()]">: <xsl:value-of select="normalize-space(.)"/></xsl:for-each>
        </a>
      </citation>
    </xsl:for-each>
  </xsl:function>

  <!-- A work as a bibliography entry: its parts without the pages cited. -->
  <xsl:template match="tei:bibl" mode="ed:work">
    <xsl:variable name="parts" select="(tei:author, tei:title, tei:editor, tei:publisher, tei:pubPlace, tei:date)"/>
    <xsl:for-each select="$parts">
      <xsl:choose>
        <xsl:when test="self::tei:title"><cite><xsl:value-of select="normalize-space(.)"/></cite></xsl:when>
        <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="position() ne last()">, </xsl:if>
    </xsl:for-each>
    <xsl:if test="empty($parts)"><xsl:value-of select="ed:plain(.)"/></xsl:if>
  </xsl:template>
</xsl:stylesheet>
