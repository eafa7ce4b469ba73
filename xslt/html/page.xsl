<?xml version="1.0" encoding="UTF-8"?>
<!-- The page shell shared by every page (head, skip link, navigation,
     footer) and the site index. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:render"
    exclude-result-prefixes="#all">

  <xsl:variable name="ed:site-pages" as="xs:string*"
      select="('index', 'persons', 'places', 'organisations', 'chronology', 'map', 'bibliography', 'search')"/>

  <xsl:template name="ed:site-page">
    <xsl:param name="page" as="xs:string" required="yes"/>
    <xsl:choose>
      <xsl:when test="$page = 'index'"><xsl:call-template name="ed:index-page"/></xsl:when>
      <xsl:when test="$page = ('persons', 'places', 'organisations')">
        <xsl:call-template name="ed:register-page"><xsl:with-param name="register" select="$page"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$page = 'chronology'"><xsl:call-template name="ed:chronology-page"/></xsl:when>
      <xsl:when test="$page = 'map'"><xsl:call-template name="ed:map-page"/></xsl:when>
      <xsl:when test="$page = 'bibliography'"><xsl:call-template name="ed:bibliography-page"/></xsl:when>
      <xsl:when test="$page = 'search'"><xsl:call-template name="ed:search-page"/></xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes" error-code="ed:page">Unknown site page '<xsl:value-of select="$page"/>'.</xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ed:page">
    <xsl:param name="title" as="xs:string" required="yes"/>
    <xsl:param name="current" as="xs:string" select="''"/>
    <xsl:param name="body-class" as="xs:string" select="''"/>
    <xsl:param name="content" as="node()*" required="yes"/>
    <html lang="{$ui-lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/> · <xsl:value-of select="ed:label('site-title')"/></title>
        <link rel="stylesheet" href="assets/edition.css"/>
        <script src="assets/edition.js" defer=""></script>
      </head>
      <!-- The script's own UI string (the popover's close button). -->
      <body data-close-label="{ed:label('close')}">
        <xsl:if test="$body-class ne ''"><xsl:attribute name="class" select="$body-class"/></xsl:if>
        <a class="skip-link" href="#main"><xsl:value-of select="ed:label('skip')"/></a>
        <header class="site-header">
          <p class="site-title"><a href="index.html"><xsl:value-of select="ed:label('site-title')"/></a></p>
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
        </main>
        <footer class="site-footer">
          <p><xsl:value-of select="ed:label('site-title')"/> · TEI P5 · <a href="index.html"><xsl:value-of select="ed:label('texts')"/></a></p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="ed:index-page">
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="ed:label('texts')"/>
      <xsl:with-param name="current" select="'index'"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="ed:label('site-title')"/></h1>
        <p><xsl:value-of select="ed:label('index-intro')"/></p>
        <xsl:for-each select="$ed:documents">
          <xsl:sort select="ed:sort-key(ed:title(.))"/>
          <xsl:variable name="id" select="ed:doc-id(.)"/>
          <xsl:variable name="abstract" select="(.//tei:front/tei:div[@type = 'abstract'][@xml:lang = $ui-lang], .//tei:front/tei:div[@type = 'abstract'])[1]"/>
          <article class="text-card" lang="{(tei:TEI/@xml:lang, 'tr')[1]}" aria-labelledby="card-{$id}">
            <h2 id="card-{$id}"><a href="{$id}.html"><xsl:value-of select="ed:title(.)"/></a></h2>
            <xsl:for-each select="ed:subtitle(.)"><p class="subtitle"><xsl:value-of select="."/></p></xsl:for-each>
            <p class="author"><xsl:value-of select="(string-join(ed:authors(.), ', ')[. ne ''], ed:label('author-unknown'))[1]"/></p>
            <xsl:for-each select="$abstract">
              <div class="abstract" lang="{(@xml:lang, 'tr')[1]}">
                <!-- Plain text: the index page has no notes list for markers to point to. -->
                <xsl:for-each select="tei:p"><p><xsl:value-of select="ed:plain(.)"/></p></xsl:for-each>
              </div>
            </xsl:for-each>
            <p class="links">
              <a href="{$id}.html"><xsl:value-of select="ed:label('read')"/></a>
              <xsl:text> · </xsl:text>
              <a href="tei/{$id}.xml" download="{$id}.xml" type="application/tei+xml"><xsl:value-of select="ed:label('download-tei')"/></a>
            </p>
          </article>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
