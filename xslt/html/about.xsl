<?xml version="1.0" encoding="UTF-8"?>
<!-- "About this text": how the reader's text was made, from its header and
     its markup, so that a reader citing it knows what the page numbers are,
     what the pipeline changed and which names a machine tagged; and the
     citation formats (BibTeX, CSL-JSON) and Zotero metadata of a text. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:render"
    exclude-result-prefixes="#all">

  <!-- A name or date tagged by edition annotate (its @resp), not checked by
       an editor (who removes or changes the @resp). -->
  <xsl:function name="ed:is-machine-tagged" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="tokenize($element/@resp) = '#edition-annotate'"/>
  </xsl:function>

  <!-- Are the text's page numbers counted from 1 rather than printed? The
       header says so (ingest writes "pages are counted"), or the first page
       is 1 and the source names no printed page range. -->
  <xsl:function name="ed:pages-counted" as="xs:boolean">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="header" select="ed:header($doc)"/>
    <xsl:variable name="first" select="normalize-space((ed:texts($doc)//tei:pb/@n)[1])"/>
    <xsl:sequence select="exists($header/tei:encodingDesc//tei:p[matches(., 'pages are counted', 'i')])
        or ($first = '1' and empty($header/tei:fileDesc/tei:sourceDesc//tei:biblScope[@unit = 'page']))"/>
  </xsl:function>

  <!-- The edition a text is part of, for citations: the site's name, or
       "TEI Edition" (ed:site-title() names a lone text's page by its title). -->
  <xsl:variable name="ed:edition-name" as="xs:string" select="if ($site-title ne '') then $site-title else ed:label('edition-title')"/>

  <xsl:template name="ed:about">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="header" select="ed:header($doc)"/>
    <xsl:variable name="pages" select="ed:texts($doc)//tei:pb/@n ! normalize-space(.)[. ne '']"/>
    <xsl:variable name="names" select="ed:texts($doc)//(tei:persName | tei:placeName | tei:orgName | tei:date)[not(ancestor::tei:teiHeader)]"/>
    <xsl:variable name="machine" select="$names[ed:is-machine-tagged(.)]"/>
    <xsl:variable name="changes" select="$header/tei:encodingDesc/tei:editorialDecl//tei:p[normalize-space()]"/>
    <section class="about" id="about" aria-labelledby="about-head">
      <h2 id="about-head"><xsl:value-of select="ed:label('about-text')"/></h2>
      <xsl:for-each select="ed:source($doc)">
        <p class="about-source"><strong><xsl:value-of select="ed:label('source')"/>:</strong><xsl:text> </xsl:text><xsl:value-of select="."/></p>
      </xsl:for-each>
      <xsl:if test="exists($pages)">
        <xsl:variable name="range" select="ed:label('page') || '&#160;' || $pages[1] || (if (count($pages) gt 1) then '–' || $pages[last()] else '')"/>
        <p class="{if (ed:pages-counted($doc)) then 'about-pages pages-counted' else 'about-pages'}">
          <strong><xsl:value-of select="ed:label('about-pages')"/>:</strong>
          <xsl:text> </xsl:text>
          <xsl:value-of select="replace(ed:label(if (ed:pages-counted($doc)) then 'pages-counted' else 'pages-printed'), '\{1\}', $range)"/>
        </p>
      </xsl:if>
      <xsl:if test="exists($changes)">
        <p><strong><xsl:value-of select="ed:label('about-made')"/>:</strong></p>
        <ul class="about-changes">
          <xsl:for-each select="$changes">
            <li>
              <xsl:if test="ancestor-or-self::*/@xml:lang"><xsl:attribute name="lang" select="ed:bcp47((ancestor-or-self::*/@xml:lang)[last()])"/></xsl:if>
              <xsl:value-of select="normalize-space(.)"/>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:if test="exists($names)">
        <p class="about-annotation"><strong><xsl:value-of select="ed:label('about-names')"/>:</strong>
          <xsl:text> </xsl:text>
          <xsl:value-of select="replace(replace(ed:label('names-tagged'), '\{1\}', string(count($names))), '\{2\}', string(count($machine)))"/>
        </p>
      </xsl:if>
      <!-- The principles refer to the changes listed: a header that lists
           none (TEI from elsewhere) gets no promise about them. -->
      <xsl:if test="exists($changes)">
        <p class="about-principles"><xsl:value-of select="ed:label('about-principles')"/></p>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- BibTeX and CSL-JSON of the text as this edition publishes it; the
       script adds the address (when the build had no base URL) and the date
       accessed, which a build cannot know. -->
  <xsl:template name="ed:cite-formats">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:param name="url" as="xs:string"/>
    <xsl:variable name="id" select="ed:doc-id($doc)"/>
    <xsl:variable name="authors" select="ed:authors($doc)"/>
    <xsl:variable name="title" select="string-join((ed:title($doc), ed:subtitle($doc)), ' ')"/>
    <xsl:variable name="publisher" select="normalize-space((ed:header($doc)/tei:fileDesc/tei:publicationStmt/(tei:publisher, tei:distributor, tei:authority))[1])"/>
    <xsl:variable name="bibtex" select="string-join((
        '@online{' || replace($id, '[^A-Za-z0-9_:-]', '-') || ',',
        $authors[1] ! ('  author = {' || string-join($authors ! ed:bibtex-escape(ed:index-name(.)), ' and ') || '},'),
        '  title = {' || ed:bibtex-escape($title) || '},',
        '  organization = {' || ed:bibtex-escape($ed:edition-name) || '},',
        $publisher[. ne ''] ! ('  publisher = {' || ed:bibtex-escape(.) || '},'),
        '  note = {' || ed:bibtex-escape(ed:label('cite-edition')) || '},',
        '  url = {' || $url || '}',
        '}'), '&#10;')"/>
    <xsl:variable name="csl" select="map:merge((
        map{ 'id': $id, 'type': 'webpage', 'title': $title, 'container-title': $ed:edition-name, 'URL': $url,
             'genre': ed:label('cite-edition') },
        if (exists($authors)) then map{ 'author': array{ $authors ! (let $n := ed:index-name(.) return
            if (contains($n, ', ')) then map{ 'family': substring-before($n, ', '), 'given': substring-after($n, ', ') }
            else map{ 'literal': $n }) } } else (),
        if ($publisher ne '') then map{ 'publisher': $publisher } else ()))"
        xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
    <details class="cite-formats">
      <summary><xsl:value-of select="ed:label('cite-formats')"/></summary>
      <h3>BibTeX</h3>
      <pre class="cite-bibtex" tabindex="0"><xsl:value-of select="$bibtex"/></pre>
      <h3>CSL-JSON</h3>
      <pre class="cite-csl" tabindex="0"><xsl:value-of select="serialize($csl, map{ 'method': 'json', 'indent': true() })"/></pre>
    </details>
  </xsl:template>

  <xsl:function name="ed:bibtex-escape" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="replace(replace($text, '([{}\\])', '\\$1'), '([&amp;%$#_])', '\\$1')"/>
  </xsl:function>

  <!-- Metadata Zotero and other reference managers read (Highwire tags). -->
  <xsl:template name="ed:citation-meta">
    <xsl:param name="doc" as="document-node()"/>
    <meta name="citation_title" content="{string-join((ed:title($doc), ed:subtitle($doc)), ' ')}"/>
    <xsl:for-each select="ed:authors($doc)">
      <meta name="citation_author" content="{ed:index-name(.)}"/>
    </xsl:for-each>
    <meta name="citation_publisher" content="{$ed:edition-name}"/>
    <meta name="citation_language" content="{$ed:page-lang}"/>
    <xsl:if test="$base-url ne ''">
      <meta name="citation_public_url" content="{$base-url}{ed:doc-id($doc)}.html"/>
    </xsl:if>
    <link rel="alternate" type="application/tei+xml" href="tei/{ed:doc-id($doc)}.xml"/>
  </xsl:template>
</xsl:stylesheet>
