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
        </form>
        <noscript><p><xsl:value-of select="ed:label('search-nojs')"/></p></noscript>
        <p id="search-status" role="status"></p>
        <ol id="search-results" class="search-results"></ol>
        <script src="search-index.js"></script>
        <script src="assets/search.js"></script>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The file around the records: two strings, the head (ending in the
       records array's "[") and the tail. $parts holds a <text> per text. -->
  <xsl:template name="ed:search-index" as="xs:string+">
    <xsl:param name="parts" as="document-node()?"/>
    <xsl:variable name="texts" select="map:merge($parts/parts/text ! map{ string(@id): map{ 'title': string(@title), 'url': @id || '.html' } })"/>
    <xsl:sequence select="'window.EDITION_SEARCH_INDEX = {&quot;texts&quot;:' || serialize($texts, $ed:json) || ',&quot;records&quot;:['"/>
    <xsl:sequence select="']};&#10;'"/>
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
              'd': ed:doc-id(.), 'a': ed:block-anchor(.), 'p': ed:page-of(.), 'x': ed:plain(.) },
          ed:texts($doc)//tei:note ! map{
              'd': ed:doc-id(.), 'a': ed:note-anchor(.), 'p': ed:page-of(.), 'n': ed:note-label(.), 'x': ed:plain(.) }
        )[?x ne '']
      }"/>
    <xsl:variable name="json" select="serialize($records, $ed:json)"/>
    <xsl:sequence select="substring($json, 2, string-length($json) - 2)"/>
  </xsl:function>
</xsl:stylesheet>
