<?xml version="1.0" encoding="UTF-8"?>
<!-- Entry stylesheet of the HTML edition (output/html/). Parameters (set by
     edition.render; documented where declared): in common/params.xsl
     registers-document, document, document-id, ui-lang, site-title,
     choice-reading, witness; here base-url, map-outline. A project
     customises by importing this file (see common/params.xsl).
     edition.render
     compiles it once per process and calls, per run:
       ed:text-page    (param doc)   one page per TEI document  → <id>.html
       ed:site-parts   (param doc)   what the site pages need from that
                                     document (see page.xsl)
       ed:site-page    (params page, parts)
                                     index, persons, places, organisations,
                                     chronology, map, bibliography, search,
                                     from the parts of every document
       ed:search-index (param parts) head and tail of the search index JS
                                     file; the records in between are parts
     The documents are TEI files parsed safely by Python (no DTD, no
     entities, no network) and handed over as nodes, one at a time; Saxon
     never opens them, and no call sees more than one of them, so the work
     per document can run in several processes.
     Every page is self-contained: CSS and JS come from assets/, nothing is
     fetched from elsewhere. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:render"
    exclude-result-prefixes="#all">

  <xsl:import href="../common/params.xsl"/>
  <xsl:import href="../common/functions.xsl"/>

  <xsl:include href="page.xsl"/>
  <xsl:include href="text.xsl"/>
  <xsl:include href="notes.xsl"/>
  <xsl:include href="structures.xsl"/>
  <xsl:include href="entities.xsl"/>
  <xsl:include href="registers.xsl"/>
  <xsl:include href="chronology.xsl"/>
  <xsl:include href="map.xsl"/>
  <xsl:include href="bibliography.xsl"/>
  <xsl:include href="search.xsl"/>
  <xsl:include href="about.xsl"/>

  <!-- Absolute URL the site will be published at (ending in '/'), used in the
       "Cite this" block. Empty: the block shows the page's own address,
       filled in by the browser. -->
  <xsl:param name="base-url" as="xs:string" select="''"/>

  <!-- The vendored Natural Earth outline (src/edition/data/map-region.xml),
       parsed by Python; empty: the map page lists places without a drawing. -->
  <xsl:param name="map-outline" as="array(document-node())" select="[]"/>

  <!-- indent="no": the text is mixed content, and indentation would add
       spaces between words and their notes. -->
  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:mode name="ed:html" on-no-match="shallow-skip"/>
</xsl:stylesheet>
