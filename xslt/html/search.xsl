<?xml version="1.0" encoding="UTF-8"?>
<!-- Full-text search on a static host: the index is built here, at render
     time, as a JS file (a JSON object assigned to a global, so it loads from
     file:// too, where fetch() is refused); assets/search.js folds Turkish
     letters (İ/i, I/ı, ş/s …) on both the query and the text. One record per
     paragraph, heading, list item and note, anchored at its id. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:render"
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

  <xsl:template name="ed:search-index" as="xs:string">
    <xsl:variable name="index" select="map{
        'texts': map:merge($ed:documents ! map{ ed:doc-id(.): map{ 'title': ed:title(.), 'url': ed:doc-id(.) || '.html' } }),
        'records': array{
          for $doc in $ed:documents
          return (
            $doc/tei:TEI/tei:text//(tei:p | tei:head | tei:item)[not(ancestor::tei:note)] ! map{
                'd': ed:doc-id(.), 'a': ed:block-anchor(.), 'p': ed:page-of(.), 'x': ed:plain(.) },
            $doc/tei:TEI/tei:text//tei:note ! map{
                'd': ed:doc-id(.), 'a': ed:note-anchor(.), 'p': ed:page-of(.), 'n': ed:note-label(.), 'x': ed:plain(.) }
          )[?x ne '']
        }
      }" xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
    <xsl:sequence select="'window.EDITION_SEARCH_INDEX = ' || serialize($index, map{ 'method': 'json', 'indent': false() }) || ';&#10;'"/>
  </xsl:template>
</xsl:stylesheet>
