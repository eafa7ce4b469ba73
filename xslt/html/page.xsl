<?xml version="1.0" encoding="UTF-8"?>
<!-- The page shell shared by every page (head, skip link, navigation,
     footer), the site index, and the two halves every site page is made of:

     1. ed:site-parts, called once per text (in a worker process, next to the
        text's own page), returns what each site page needs from that text:
        its index card, chronology rows and citations already rendered, its
        mentions as data (there are hundreds per text), its search records;
        each with the keys the site page sorts or groups by.
     2. ed:site-page, called once per site page, puts the parts of every text
        together. It never sees a TEI document, so it needs neither the
        memory nor the time to hold or walk the whole corpus. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:render"
    exclude-result-prefixes="#all">

  <xsl:variable name="ed:site-pages" as="xs:string*"
      select="('index', 'persons', 'places', 'organisations', 'chronology', 'map', 'bibliography', 'search')"/>

  <!-- The parts of one text, by the name of the site page that reads them
       ('search-texts' and 'search-records' are read by ed:search-index).
       Each is a string: XML elements (no root element: Python appends the
       strings of every text, in reading order, inside one <parts> element),
       except 'search-records', JSON array members that Python joins with
       commas. A part may be the empty string. -->
  <xsl:template name="ed:site-parts" as="map(xs:string, xs:string)">
    <xsl:param name="doc" as="document-node()" required="yes"/>
    <xsl:variable name="occurrences" select="ed:register-parts($doc)"/>
    <xsl:sequence select="map{
        'index': ed:xml(ed:index-parts($doc)),
        'persons': ed:xml($occurrences[@register = 'persons']),
        'places': ed:xml($occurrences[@register = 'places']),
        'organisations': ed:xml($occurrences[@register = 'organisations']),
        'chronology': ed:xml(ed:chronology-parts($doc)),
        'map': ed:xml(ed:map-parts($doc)),
        'bibliography': ed:xml(ed:bibliography-parts($doc)),
        'search-texts': ed:xml(ed:search-text-parts($doc)),
        'search-records': ed:search-record-parts($doc)
      }"/>
  </xsl:template>

  <xsl:function name="ed:xml" as="xs:string">
    <xsl:param name="parts" as="element()*"/>
    <xsl:sequence select="serialize($parts, map{ 'method': 'xml', 'omit-xml-declaration': true() })"/>
  </xsl:function>

  <!-- $parts: every text's parts for this page (<parts> around them, in
       reading order); the search page needs none. -->
  <xsl:template name="ed:site-page">
    <xsl:param name="page" as="xs:string" required="yes"/>
    <xsl:param name="parts" as="document-node()?" select="()"/>
    <xsl:choose>
      <xsl:when test="$page = 'index'"><xsl:call-template name="ed:index-page"><xsl:with-param name="parts" select="$parts"/></xsl:call-template></xsl:when>
      <xsl:when test="$page = ('persons', 'places', 'organisations')">
        <xsl:call-template name="ed:register-page">
          <xsl:with-param name="register" select="$page"/>
          <xsl:with-param name="parts" select="$parts"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$page = 'chronology'"><xsl:call-template name="ed:chronology-page"><xsl:with-param name="parts" select="$parts"/></xsl:call-template></xsl:when>
      <xsl:when test="$page = 'map'"><xsl:call-template name="ed:map-page"><xsl:with-param name="parts" select="$parts"/></xsl:call-template></xsl:when>
      <xsl:when test="$page = 'bibliography'"><xsl:call-template name="ed:bibliography-page"><xsl:with-param name="parts" select="$parts"/></xsl:call-template></xsl:when>
      <xsl:when test="$page = 'search'"><xsl:call-template name="ed:search-page"/></xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes" error-code="ed:page">Unknown site page '<xsl:value-of select="$page"/>'.</xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The page around its content: either $content, nodes made before
       the call, or, for the site pages that grow with the corpus (tens of
       megabytes at a thousand texts), $content-request, an element that a
       template in mode ed:page-content matches to write the content straight
       into <main>, so that it is never held as a tree of its own. -->
  <xsl:template name="ed:page">
    <xsl:param name="title" as="xs:string" required="yes"/>
    <xsl:param name="current" as="xs:string" select="''"/>
    <xsl:param name="body-class" as="xs:string" select="''"/>
    <xsl:param name="content" as="node()*" select="()"/>
    <xsl:param name="content-request" as="element()?" select="()"/>
    <!-- More of the head: a text's citation metadata. -->
    <xsl:param name="meta" as="node()*" select="()"/>
    <xsl:variable name="site" select="ed:site-title()"/>
    <html lang="{$ed:page-lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="string-join(distinct-values(($title, $site)), ' · ')"/></title>
        <link rel="stylesheet" href="assets/edition.css"/>
        <script src="assets/edition.js" defer=""></script>
        <xsl:sequence select="$meta"/>
      </head>
      <!-- The script's own UI string (the popover's close button). -->
      <body data-close-label="{ed:label('close')}" data-entry-label="{ed:label('card-entry')}" data-date-label="{ed:label('card-date')}" data-machine-label="{ed:label('machine-tagged')}">
        <xsl:if test="$body-class ne ''"><xsl:attribute name="class" select="$body-class"/></xsl:if>
        <a class="skip-link" href="#main"><xsl:call-template name="ed:label-lang"/><xsl:value-of select="ed:label('skip')"/></a>
        <xsl:if test="$content/descendant-or-self::*[@id = 'notes-head']">
          <a class="skip-link" href="#notes-head"><xsl:call-template name="ed:label-lang"/><xsl:value-of select="ed:label('skip-notes')"/></a>
        </xsl:if>
        <header class="site-header">
          <xsl:call-template name="ed:label-lang"/>
          <p class="site-title"><a href="index.html"><xsl:value-of select="$site"/></a></p>
          <nav aria-label="{ed:label('nav')}">
            <ul>
              <xsl:for-each select="$ed:site-pages">
                <li>
                  <a href="{.}.html">
                    <xsl:if test=". = $current"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
                    <xsl:value-of select="ed:label(if (. = 'index') then 'texts' else .)"/>
                  </a>
                </li>
              </xsl:for-each>
            </ul>
          </nav>
        </header>
        <main id="main" tabindex="-1">
          <xsl:sequence select="$content"/>
          <xsl:apply-templates select="$content-request" mode="ed:page-content"/>
        </main>
        <footer class="site-footer">
          <xsl:call-template name="ed:label-lang"/>
          <p><xsl:value-of select="$site"/> · TEI P5 · <a href="index.html"><xsl:value-of select="ed:label('texts')"/></a></p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- The interface strings' language on an element that holds them, when
       it is not the page's (a German text's page with English labels). -->
  <xsl:template name="ed:label-lang">
    <xsl:if test="$ed:label-lang ne $ed:page-lang">
      <xsl:attribute name="lang" select="$ed:label-lang"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="ed:index-page">
    <xsl:param name="parts" as="document-node()?"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="ed:label('texts')"/>
      <xsl:with-param name="current" select="'index'"/>
      <xsl:with-param name="content-request" as="element()"><ed:index-content/></xsl:with-param>
      <xsl:with-param name="parts" select="$parts" tunnel="yes"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="ed:index-content" mode="ed:page-content">
    <xsl:param name="parts" as="document-node()?" tunnel="yes"/>
    <h1><xsl:value-of select="ed:site-title()"/></h1>
    <p><xsl:value-of select="ed:label('index-intro')"/></p>
    <xsl:for-each select="$parts/parts/card">
      <xsl:sort select="@sort"/>
      <xsl:sequence select="node()"/>
    </xsl:for-each>
    <section class="about" id="about-edition" aria-labelledby="about-edition-head">
      <h2 id="about-edition-head"><xsl:value-of select="ed:label('about-edition')"/></h2>
      <p><xsl:value-of select="ed:label('edition-made')"/></p>
      <p><xsl:value-of select="ed:label('about-principles')"/></p>
      <p><xsl:value-of select="ed:label('edition-tagging')"/></p>
      <p><xsl:value-of select="ed:label('edition-licence')"/></p>
      <h3><xsl:value-of select="ed:label('cite-the-edition')"/></h3>
      <xsl:variable name="url" select="if ($base-url ne '') then $base-url || 'index.html' else 'index.html'"/>
      <p class="citation"><xsl:value-of select="$ed:edition-name"/>. <xsl:value-of select="ed:label('cite-edition')"/>. <span class="cite-url" data-page="index.html"><xsl:value-of select="$url"/></span><span class="cite-accessed" data-label="{ed:label('cite-accessed')}" hidden=""></span></p>
      <pre class="cite-bibtex" tabindex="0"><xsl:value-of select="string-join(('@misc{edition,', '  title = {' || ed:bibtex-escape($ed:edition-name) || '},',
          '  note = {' || ed:bibtex-escape(ed:label('cite-edition')) || '},', '  url = {' || $url || '}', '}'), '&#10;')"/></pre>
    </section>
  </xsl:template>

  <!-- A text's card on the index, sorted by its title. -->
  <xsl:function name="ed:index-parts" as="element(card)">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="id" select="ed:doc-id($doc)"/>
    <xsl:variable name="abstract" select="($doc//tei:front/tei:div[@type = 'abstract'][@xml:lang = $ui-lang], $doc//tei:front/tei:div[@type = 'abstract'])[1]"/>
    <card sort="{ed:sort-key(ed:title($doc))}">
      <article class="text-card" lang="{ed:lang-of($doc)}" aria-labelledby="card-{$id}">
        <h2 id="card-{$id}"><a href="{$id}.html"><xsl:value-of select="ed:title($doc)"/></a></h2>
        <xsl:for-each select="ed:subtitle($doc)"><p class="subtitle"><xsl:value-of select="."/></p></xsl:for-each>
        <p class="author"><xsl:value-of select="(string-join(ed:authors($doc), ', ')[. ne ''], ed:label('author-unknown'))[1]"/></p>
        <xsl:for-each select="$abstract">
          <div class="abstract" lang="{(@xml:lang ! ed:bcp47(.), ed:lang-of($doc))[1]}">
            <!-- Plain text: the index page has no notes list for markers to point to. -->
            <xsl:for-each select="tei:p"><p><xsl:value-of select="ed:plain(.)"/></p></xsl:for-each>
          </div>
        </xsl:for-each>
        <p class="links">
          <a href="{$id}.html"><xsl:value-of select="ed:label('read')"/></a>
          <xsl:text> · </xsl:text>
          <a href="tei/{$id}.xml" download="{$id}.xml" type="application/tei+xml"><xsl:value-of select="ed:label('download-tei')"/></a>
          <xsl:text> · </xsl:text>
          <a href="{$id}.html#about"><xsl:value-of select="ed:label('about-text')"/></a>
        </p>
      </article>
    </card>
  </xsl:function>
</xsl:stylesheet>
