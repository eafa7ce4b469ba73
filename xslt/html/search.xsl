<?xml version="1.0" encoding="UTF-8"?>
<!-- Full-text search on a static host: the index is built here, at render
     time, as a JS file (a JSON object assigned to a global, so it loads from
     file:// too, where fetch() is refused); assets/search.js folds Turkish
     letters (İ/i, I/ı, ş/s …) on both the query and the text. One record per
     paragraph, heading, list item and note, anchored at its id.
     The index of a large corpus is tens of megabytes, so it is never one
     string here: per text, ed:search-record-parts gives that text's records
     as JSON array members; ed:search-index gives what goes before and after
     them, and Python writes the file piece by piece. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:render"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <xsl:template name="ed:search-page">
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="ed:label('search')"/>
      <xsl:with-param name="current" select="'search'"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="ed:label('search')"/></h1>
        <form class="search" role="search" action="search.html" method="get">
          <label for="q"><xsl:value-of select="ed:label('search-label')"/></label>
          <input type="search" id="q" name="q" autocomplete="off" aria-describedby="search-hint"/>
          <button type="submit"><xsl:value-of select="ed:label('search-button')"/></button>
          <p id="search-hint" class="hint"><xsl:value-of select="ed:label('search-hint')"/></p>
          <!-- Filters: the texts, and the range of the years, are filled
               in by search.js from the index (this page is made without the
               texts' parts). A block passes the year filter when one of its
               dates falls in the years asked for. -->
          <p class="search-filters">
            <label for="search-text"><xsl:value-of select="ed:label('search-in-text')"/></label>
            <select id="search-text" name="t">
              <option value=""><xsl:value-of select="ed:label('search-all-texts')"/></option>
            </select>
            <label for="search-kind"><xsl:value-of select="ed:label('search-kind')"/></label>
            <select id="search-kind" name="k">
              <option value=""><xsl:value-of select="ed:label('search-any-kind')"/></option>
              <xsl:for-each select="('persons', 'places', 'organisations')">
                <option value="{.}"><xsl:value-of select="ed:label('search-kind-' || .)"/></option>
              </xsl:for-each>
            </select>
            <label for="search-year-from"><xsl:value-of select="ed:label('search-year-from')"/></label>
            <input type="number" id="search-year-from" name="from" inputmode="numeric" step="1"/>
            <label for="search-year-to"><xsl:value-of select="ed:label('search-year-to')"/></label>
            <input type="number" id="search-year-to" name="to" inputmode="numeric" step="1"/>
          </p>
        </form>
        <noscript><p><xsl:value-of select="ed:label('search-nojs')"/></p></noscript>
        <p id="search-status" role="status"></p>
        <ol id="search-results" class="search-results"></ol>
        <!-- Deferred, so that they run after assets/edition.js (the
             folding they share). -->
        <script src="search-index.js" defer=""></script>
        <script src="assets/search.js" defer=""></script>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- search-index.js: the texts (in reading order of the parts) and the
       names of every register entry (so that a query for a variant, or
       another spelling the register knows, finds the entry's mentions).
       Returned as head and tail: Python (edition.search_index) writes the
       words and records in shards between them. $parts holds a <text> per
       text. -->
  <xsl:template name="ed:search-index" as="xs:string+">
    <xsl:param name="parts" as="document-node()?"/>
    <xsl:variable name="texts" select="map:merge($parts/parts/text ! map{ string(@id): map{ 'title': string(@title), 'url': @id || '.html' } })"/>
    <xsl:variable name="entities" select="array{
        $ed:registers//(tei:person | tei:place | tei:org)[@xml:id] ! map{
            'k': ed:register-of(.),
            'n': array{ distinct-values((ed:entry-name(.), (tei:persName | tei:placeName | tei:orgName) ! normalize-space(.))[. ne '']) } }
      }"/>
    <xsl:sequence select="'window.EDITION_SEARCH_INDEX = {&quot;texts&quot;:' || serialize($texts, $ed:json)
        || ',&quot;entities&quot;:' || serialize($entities, $ed:json) || ','"/>
    <xsl:sequence select="'};&#10;'"/>
  </xsl:template>

  <xsl:variable name="ed:json" as="map(*)" select="map{ 'method': 'json', 'indent': false() }"/>

  <xsl:function name="ed:search-text-parts" as="element(text)">
    <xsl:param name="doc" as="document-node()"/>
    <text id="{ed:doc-id($doc)}" title="{ed:title($doc)}"/>
  </xsl:function>

  <!-- The records of one text, serialised as a JSON array without its
       brackets ('' when the text has none). -->
  <xsl:function name="ed:search-record-parts" as="xs:string">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="records" select="array{
        (
          ed:texts($doc)//(tei:p | tei:head | tei:item | tei:ab | tei:l)[not(ancestor::tei:note)] ! map{
              'd': ed:doc-id(.), 'a': ed:block-anchor(.), 'p': ed:page-of(.), 'x': ed:plain(.), 'm': ed:search-names(.),
              'y': ed:search-years(.) },
          ed:texts($doc)//tei:note ! map{
              'd': ed:doc-id(.), 'a': ed:note-anchor(.), 'p': ed:page-of(.), 'n': ed:note-label(.), 'x': ed:plain(.),
              'm': ed:search-names(.), 'y': ed:search-years(.) }
        )[?x ne '']
      }"/>
    <xsl:variable name="json" select="serialize($records, $ed:json)"/>
    <xsl:sequence select="substring($json, 2, string-length($json) - 2)"/>
  </xsl:function>

  <!-- The years a block is dated in, for the year filter: per date the
       chronology lists (ed:is-dated-mention), its first and last year
       ([1918, 1918], a span [1501, 1600]). Dates inside a note anchored in
       the block belong to the note. -->
  <xsl:function name="ed:search-years" as="array(*)">
    <xsl:param name="block" as="element()"/>
    <xsl:variable name="own-notes" select="$block/ancestor-or-self::tei:note"/>
    <xsl:sequence select="array{ $block//tei:date[not(ancestor::tei:note except $own-notes)][ed:is-dated-mention(.)]
        ! (let $ends := (@when, @from, @notBefore, @to, @notAfter)[matches(., '^\d{4}')] ! xs:integer(substring(., 1, 4))
           return if (exists($ends)) then [min($ends), max($ends)] else ()) }"/>
  </xsl:function>

  <!-- The names in a block, by kind, as [register, text] pairs: the filter
       "person/place/organisation" keeps a hit only where it is such a name.
       Names inside a note anchored in the block belong to the note. -->
  <xsl:function name="ed:search-names" as="array(*)">
    <xsl:param name="block" as="element()"/>
    <xsl:variable name="own-notes" select="$block/ancestor-or-self::tei:note"/>
    <xsl:sequence select="array{ $block//(tei:persName | tei:placeName | tei:orgName)
        [not(ancestor::tei:note except $own-notes)][not(ed:is-unshown(.))] ! [ed:register-of(.), ed:plain(.)] }"/>
  </xsl:function>
</xsl:stylesheet>
