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

  <!-- An op. cit. form: a.g.e. (adı geçen eser), a.g.m. (makale), a.g.b.
       (belge), with or without dots, a comma typed for a dot ("a.g,e"),
       ibid., op. cit.; marked by ingest as title/@type="ibid", or only in
       the bibl's text. -->
  <xsl:variable name="ed:op-cit-regex" as="xs:string"
      select="'^(a\.?\s?g\.?[\s,]?[emb]\.?|ibid\.?|ibidem|op\.?\s?cit\.?|ayn[ıi] eser|ayn[ıi] makale|ayn[ıi] belge)$'"/>

  <xsl:function name="ed:is-op-cit" as="xs:boolean">
    <xsl:param name="bibl" as="element(tei:bibl)"/>
    <xsl:variable name="title" select="normalize-space($bibl/tei:title[1])"/>
    <xsl:sequence select="$bibl/tei:title[1]/@type = 'ibid' or matches($title, $ed:op-cit-regex, 'i')
        or ($title = '' and matches(string($bibl), '(^|\W)(a\.\s?g\.\s?[emb]\.|ibid\.|op\.\s?cit\.)', 'i'))"/>
  </xsl:function>

  <!-- A reference, not a line of a document quoted in a note that happens
       to be tagged bibl ("Dışişleri Bakanı: M. Hacınski, Gence, 15 Temmuz
       1918"): it names an author, pages, a publisher or place of
       publication, a title with a level, or is an op. cit. -->
  <xsl:function name="ed:is-reference" as="xs:boolean">
    <xsl:param name="bibl" as="element(tei:bibl)"/>
    <xsl:sequence select="exists($bibl/(tei:author, tei:editor, tei:biblScope, tei:publisher, tei:pubPlace, tei:title[@level]))
        or ed:is-op-cit($bibl)"/>
  </xsl:function>

  <!-- Matching, not display: lower case, Cyrillic letters that look Latin
       made Latin ("Мuhanov" with a Cyrillic М is Muhanov), Turkish letters
       and accents folded, only letters and digits kept. -->
  <xsl:function name="ed:match-key" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:variable name="lower" select="lower-case(translate(ed:latin-lookalikes($text), 'Iİı', 'iii'))"/>
    <xsl:sequence select="replace(replace(normalize-unicode($lower, 'NFD'), '\p{M}', ''), '[^\p{L}\p{N}]', '')"/>
  </xsl:function>

  <xsl:function name="ed:latin-lookalikes" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:sequence select="translate(string($text), 'АВЕКМНОРСТХУаеорсухіјѕԁӏ', 'ABEKMHOPCTXYaeopcyxijsdl')"/>
  </xsl:function>

  <!-- The surname of a bibl's first author (its last word), for matching. -->
  <xsl:function name="ed:author-key" as="xs:string">
    <xsl:param name="bibl" as="element(tei:bibl)"/>
    <xsl:sequence select="ed:match-key(tokenize(normalize-space(($bibl/tei:author)[1]), '[\s,]+')[. ne ''][last()])"/>
  </xsl:function>

  <!-- A title cut short by the citing text ("Kafkaslarda Türk Katliamı…"),
       without its dots, or (). -->
  <xsl:function name="ed:short-title" as="xs:string?">
    <xsl:param name="bibl" as="element(tei:bibl)"/>
    <xsl:variable name="title" select="normalize-space($bibl/tei:title[1])"/>
    <xsl:sequence select="replace($title, '\s*(…|\.\.\.)$', '')[matches($title, '(…|\.\.\.)$')]"/>
  </xsl:function>

  <!-- The bibl that names the work a citation refers to: itself; for an op.
       cit., the latest earlier reference (not op. cit.) by the same author
       (any reference when it names none: a.g.b. after an archival file);
       for a short title, the latest earlier reference by the same author
       whose title begins so. Empty when an op. cit. stands for nothing. -->
  <xsl:function name="ed:work-bibl" as="element(tei:bibl)?">
    <xsl:param name="bibl" as="element(tei:bibl)"/>
    <xsl:variable name="author" select="ed:author-key($bibl)"/>
    <xsl:variable name="short" select="ed:short-title($bibl)"/>
    <xsl:variable name="earlier" select="$bibl/preceding::tei:bibl[ancestor::tei:text][ed:is-reference(.)][not(ed:is-op-cit(.))]
        [$author eq '' or ed:author-key(.) eq $author]"/>
    <xsl:sequence select="
        if (ed:is-op-cit($bibl)) then $earlier[last()]
        else if (exists($short) and $author ne '') then
          ($earlier[empty(ed:short-title(.))][starts-with(ed:match-key(tei:title[1]), ed:match-key($short))][last()], $bibl)[1]
        else $bibl"/>
  </xsl:function>

  <!-- A work: its author's surname and title, or, without a title, its year
       (author-date citations); a periodical ("level j") is one work whatever
       the issue; a reference with neither author nor title level (an
       archival file) is its text without the pages. -->
  <xsl:function name="ed:work-key" as="xs:string">
    <xsl:param name="work" as="element(tei:bibl)"/>
    <xsl:variable name="title" select="$work/tei:title[1]"/>
    <xsl:sequence select="string-join((
        ed:author-key($work),
        if ($title/@level = 'j') then ed:match-key($title)
        else if ($title and empty($work/tei:author) and empty($title/@level))
          then ed:match-key(string-join($work/(text() | * except tei:biblScope), ''))
        else if ($title) then ed:match-key($title)
        else substring(string(($work/tei:date/@when, $work/tei:date)[1]), 1, 4)), '|')"/>
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
        <!-- By the first author's surname, or title where there is no
             author, in Turkish order. -->
        <xsl:sort select="@sort" collation="http://www.w3.org/2005/xpath-functions/collation/codepoint"/>
        <xsl:sort select="current-grouping-key()" collation="http://www.w3.org/2005/xpath-functions/collation/codepoint"/>
        <!-- The fullest citation of the group describes the work, one in a
             single script before one that mixes look-alike letters. -->
        <xsl:variable name="work" select="(sort(current-group(), (), function($c) { (xs:integer($c/@mixed), - xs:integer($c/@size)) }))[1]"/>
        <li id="work-{position()}">
          <p class="work"><xsl:sequence select="$work/work/node()"/></p>
          <p class="cited-in"><xsl:value-of select="ed:label('cited-in')"/>:</p>
          <ul class="cited-in">
            <xsl:for-each-group select="current-group()" group-by="@doc">
              <li>
                <cite><xsl:value-of select="@title"/></cite>
                <xsl:text>: </xsl:text>
                <xsl:for-each select="current-group()">
                  <xsl:sequence select="a"/>
                  <xsl:if test="position() ne last()">; </xsl:if>
                </xsl:for-each>
              </li>
            </xsl:for-each-group>
          </ul>
        </li>
      </xsl:for-each-group>
    </ol>
  </xsl:template>

  <!-- @work groups citations of one work; @sort orders the works; @size
       (how many parts the work's bibl has) and @mixed (1 when its author
       mixes Latin and Cyrillic letters) pick the description. An op. cit.
       that stands for no earlier reference, and lines of quoted documents
       tagged bibl, are left out. -->
  <xsl:function name="ed:bibliography-parts" as="element(citation)*">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="doc-id" select="ed:doc-id($doc)"/>
    <xsl:variable name="title" select="ed:title($doc)"/>
    <xsl:for-each select="ed:texts($doc)//tei:bibl[tei:author or tei:title or ed:is-op-cit(.)][ed:is-reference(.)]">
      <xsl:variable name="work" select="ed:work-bibl(.)"/>
      <xsl:variable name="note" select="ancestor::tei:note[1]"/>
      <xsl:if test="exists($work)">
        <xsl:variable name="author" select="string(($work/tei:author)[1])"/>
        <citation work="{ed:work-key($work)}" sort="{if ($work/tei:author) then ed:person-sort-key(ed:latin-lookalikes(normalize-space($work/tei:author[1]))) else ed:sort-key($work/tei:title[1])}"
            size="{count($work/*)}" mixed="{if (matches($author, '[&#x400;-&#x4FF;]') and matches($author, '[A-Za-z]')) then 1 else 0}"
            doc="{$doc-id}" title="{$title}">
          <work><xsl:apply-templates select="$work" mode="ed:work"/></work>
          <a href="{$doc-id}.html#{ed:bibl-anchor(.)}">
            <xsl:value-of select="if ($note) then ed:label('note') || '&#160;' || ed:note-label($note) else ed:label('in-text')"/>
            <xsl:text> (</xsl:text>
            <xsl:value-of select="ed:label('page')"/>&#160;<xsl:value-of select="ed:page-of(.)"/>
            <xsl:text>)</xsl:text>
            <xsl:for-each select="tei:biblScope[normalize-space()]">: <xsl:value-of select="normalize-space(.)"/></xsl:for-each>
          </a>
        </citation>
      </xsl:if>
    </xsl:for-each>
  </xsl:function>

  <!-- A work as a bibliography entry: its parts without the pages cited. -->
  <!-- An archival file (no author, a title without level): its whole
       reference but the pages ("ACSPİHDA, f. 277, d.2, iş. 16"), since the
       title alone names the archive, not the file. -->
  <xsl:template match="tei:bibl[empty(tei:author)][tei:title[1][empty(@level)]][not(ed:is-op-cit(.))]" mode="ed:work">
    <xsl:value-of select="replace(normalize-space(string-join((text() | * except tei:biblScope) ! string(.), '')), '[\s,.;:]+$', '')"/>
  </xsl:template>

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
