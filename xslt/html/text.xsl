<?xml version="1.0" encoding="UTF-8"?>
<!-- One page per text: title block, abstracts and keywords, table of
     contents, the body with numbered headings, page markers, notes list,
     "Cite this" and the TEI download. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:render"
    exclude-result-prefixes="#all">

  <xsl:template name="ed:text-page">
    <xsl:param name="doc" as="document-node()" required="yes"/>
    <xsl:variable name="id" select="ed:doc-id($doc)"/>
    <xsl:variable name="lang" select="($doc/tei:TEI/@xml:lang, 'tr')[1]"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="ed:title($doc)"/>
      <xsl:with-param name="body-class" select="'text-page'"/>
      <xsl:with-param name="content">
        <article class="edition-text" lang="{$lang}" aria-labelledby="title">
          <xsl:apply-templates select="$doc/tei:TEI/tei:text/tei:front" mode="ed:html"/>
          <xsl:call-template name="ed:toc"><xsl:with-param name="doc" select="$doc"/></xsl:call-template>
          <p class="entity-toggle" hidden="">
            <button type="button" class="toggle-entities" aria-pressed="true"><xsl:value-of select="ed:label('highlight')"/></button>
          </p>
          <xsl:apply-templates select="$doc/tei:TEI/tei:text/tei:body" mode="ed:html"/>
          <xsl:apply-templates select="$doc/tei:TEI/tei:text/tei:back" mode="ed:html"/>
          <xsl:call-template name="ed:notes-list"><xsl:with-param name="doc" select="$doc"/></xsl:call-template>
          <xsl:call-template name="ed:cite"><xsl:with-param name="doc" select="$doc"/></xsl:call-template>
        </article>
        <xsl:call-template name="ed:entry-cards"><xsl:with-param name="doc" select="$doc"/></xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Title block: the text's own title page (docTitle, docAuthor). -->
  <xsl:template match="tei:front" mode="ed:html">
    <header class="title-block">
      <xsl:apply-templates select="tei:pb[not(preceding-sibling::tei:div)] | tei:docTitle | tei:docAuthor" mode="ed:html"/>
      <xsl:if test="empty(tei:docTitle)">
        <h1 id="title"><xsl:value-of select="ed:title(.)"/></h1>
      </xsl:if>
      <xsl:variable name="affiliations" select="root(.)//tei:titleStmt/tei:author/tei:affiliation"/>
      <xsl:if test="exists($affiliations) and empty(tei:docAuthor//tei:note)">
        <p class="affiliation"><xsl:value-of select="string-join($affiliations ! normalize-space(), '; ')"/></p>
      </xsl:if>
    </header>
    <xsl:if test="exists(tei:div)">
      <div class="abstracts">
        <xsl:apply-templates select="tei:div | tei:pb[preceding-sibling::tei:div]" mode="ed:html"/>
      </div>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:docTitle" mode="ed:html">
    <h1 id="title">
      <xsl:for-each select="tei:titlePart">
        <span class="{if (@type = 'sub') then 'subtitle' else 'main-title'}"><xsl:apply-templates mode="ed:html"/></span>
        <xsl:if test="position() ne last()"><xsl:text> </xsl:text></xsl:if>
      </xsl:for-each>
    </h1>
  </xsl:template>

  <xsl:template match="tei:docAuthor" mode="ed:html">
    <p class="author"><xsl:apply-templates mode="ed:html"/></p>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'abstract']" mode="ed:html">
    <section class="abstract" aria-labelledby="{ed:block-anchor(tei:head[not(@type = 'title')][1])}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:for-each select="tei:head[@type = 'title']">
        <p class="abstract-title" id="{ed:block-anchor(.)}"><xsl:apply-templates mode="ed:html"/></p>
      </xsl:for-each>
      <h2 id="{ed:block-anchor(tei:head[not(@type = 'title')][1])}">
        <xsl:apply-templates select="tei:head[not(@type = 'title')][1]/node()" mode="ed:html"/>
      </h2>
      <xsl:apply-templates select="* except tei:head" mode="ed:html"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:list[@type = 'keywords']" mode="ed:html">
    <div class="keywords">
      <p class="keywords-head">
        <xsl:for-each select="tei:head"><xsl:attribute name="id" select="ed:block-anchor(.)"/></xsl:for-each>
        <xsl:apply-templates select="tei:head/node()" mode="ed:html"/>
        <xsl:if test="empty(tei:head)"><xsl:value-of select="ed:label('keywords')"/></xsl:if>
      </p>
      <ul>
        <xsl:for-each select="tei:item">
          <li id="{ed:block-anchor(.)}"><xsl:apply-templates mode="ed:html"/></li>
        </xsl:for-each>
      </ul>
    </div>
  </xsl:template>

  <xsl:template name="ed:toc">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="sections" select="$doc/tei:TEI/tei:text/tei:body/tei:div"/>
    <xsl:if test="exists($sections)">
      <nav class="toc" aria-labelledby="toc-head">
        <h2 id="toc-head"><xsl:value-of select="ed:label('contents')"/></h2>
        <xsl:call-template name="ed:toc-level"><xsl:with-param name="divs" select="$sections"/></xsl:call-template>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template name="ed:toc-level">
    <xsl:param name="divs" as="element(tei:div)*"/>
    <ol>
      <xsl:for-each select="$divs">
        <li>
          <a href="#{ed:section-anchor(.)}"><xsl:value-of select="ed:plain(tei:head[1])"/></a>
          <xsl:if test="exists(tei:div)">
            <xsl:call-template name="ed:toc-level"><xsl:with-param name="divs" select="tei:div"/></xsl:call-template>
          </xsl:if>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <xsl:function name="ed:section-anchor" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="($div/@xml:id ! string(), 'sec-' || ed:block-anchor(($div/tei:head, $div/*)[1]))[1]"/>
  </xsl:function>

  <xsl:template match="tei:body | tei:back" mode="ed:html">
    <div class="{local-name()}"><xsl:apply-templates mode="ed:html"/></div>
  </xsl:template>

  <!-- Heading level follows nesting: body sections are h2, their
       subsections h3, down to h6. -->
  <xsl:template match="tei:div" mode="ed:html">
    <xsl:variable name="depth" select="count(ancestor::tei:div) + 2"/>
    <section id="{ed:section-anchor(.)}" aria-labelledby="{ed:block-anchor((tei:head, .)[1])}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:for-each select="tei:head[1]">
        <xsl:element name="h{min(($depth, 6))}">
          <xsl:attribute name="id" select="ed:block-anchor(.)"/>
          <xsl:apply-templates mode="ed:html"/>
        </xsl:element>
      </xsl:for-each>
      <xsl:if test="empty(tei:head)">
        <xsl:element name="h{min(($depth, 6))}">
          <xsl:attribute name="id" select="ed:block-anchor(.)"/>
          <xsl:attribute name="class" select="'visually-hidden'"/>
          <xsl:value-of select="ed:label('text')"/>
        </xsl:element>
      </xsl:if>
      <xsl:apply-templates select="node() except tei:head[1]" mode="ed:html"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:head" mode="ed:html">
    <p class="head" id="{ed:block-anchor(.)}"><xsl:apply-templates mode="ed:html"/></p>
  </xsl:template>

  <xsl:template match="tei:p" mode="ed:html">
    <p id="{ed:block-anchor(.)}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates mode="ed:html"/>
    </p>
  </xsl:template>

  <xsl:template match="tei:quote[tei:p]" mode="ed:html">
    <blockquote><xsl:apply-templates mode="ed:html"/></blockquote>
  </xsl:template>

  <!-- The quotation marks are in the text already; CSS turns off q's own. -->
  <xsl:template match="tei:q | tei:quote" mode="ed:html">
    <q><xsl:apply-templates mode="ed:html"/></q>
  </xsl:template>

  <xsl:template match="tei:list" mode="ed:html">
    <xsl:element name="{if (@type = 'ordered' or tei:label) then 'ol' else 'ul'}">
      <xsl:attribute name="class" select="if (tei:label) then 'labelled' else 'plain'"/>
      <xsl:apply-templates select="tei:item" mode="ed:html"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:item" mode="ed:html">
    <li id="{ed:block-anchor(.)}">
      <xsl:for-each select="preceding-sibling::*[1][self::tei:label]">
        <span class="label"><xsl:apply-templates mode="ed:html"/></span>
        <xsl:text> </xsl:text>
      </xsl:for-each>
      <xsl:apply-templates mode="ed:html"/>
    </li>
  </xsl:template>

  <xsl:template match="tei:hi" mode="ed:html">
    <xsl:variable name="rend" select="string(@rend)"/>
    <xsl:element name="{if (contains($rend, 'bold')) then 'strong' else if (contains($rend, 'italic')) then 'em' else 'span'}">
      <xsl:apply-templates mode="ed:html"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:title" mode="ed:html">
    <cite><xsl:apply-templates mode="ed:html"/></cite>
  </xsl:template>

  <xsl:template match="tei:bibl" mode="ed:html">
    <span class="bibl" id="{ed:bibl-anchor(.)}"><xsl:apply-templates mode="ed:html"/></span>
  </xsl:template>

  <!-- Editorial markup the reader never sees as such. -->
  <xsl:template match="tei:seg | tei:author | tei:publisher | tei:pubPlace | tei:biblScope
                       | tei:titlePart | tei:label | tei:affiliation | tei:name" mode="ed:html">
    <xsl:apply-templates mode="ed:html"/>
  </xsl:template>

  <xsl:template match="tei:lb" mode="ed:html"><xsl:text> </xsl:text></xsl:template>

  <!-- Running heads and printed page numbers are the printer's, not the
       text's. -->
  <xsl:template match="tei:fw" mode="ed:html"/>

  <xsl:template match="text()" mode="ed:html">
    <xsl:value-of select="."/>
  </xsl:template>

  <!-- A page of the source: a discreet marker in the margin whose id makes
       "…#s5" a link to page 5. Only the first pb of a number gets the id
       (found with a key: a search of the preceding axis per pb walks the
       whole text before it). -->
  <xsl:key name="ed:pages" match="tei:pb" use="normalize-space(@n)"/>

  <xsl:template match="tei:pb" mode="ed:html">
    <xsl:variable name="n" select="normalize-space(@n)"/>
    <xsl:if test="$n ne ''">
      <span class="pb">
        <xsl:if test="key('ed:pages', $n, root(.))[1] is .">
          <xsl:attribute name="id" select="'s' || replace($n, '\s', '-')"/>
        </xsl:if>
        <a href="#s{replace($n, '\s', '-')}"><xsl:value-of select="ed:label('page')"/>&#160;<xsl:value-of select="$n"/></a>
      </span>
    </xsl:if>
  </xsl:template>

  <xsl:template name="ed:cite">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="id" select="ed:doc-id($doc)"/>
    <xsl:variable name="url" select="if ($base-url ne '') then $base-url || $id || '.html' else $id || '.html'"/>
    <xsl:variable name="licence" select="($doc//tei:publicationStmt//tei:licence)[1]"/>
    <section class="cite" aria-labelledby="cite-head">
      <h2 id="cite-head"><xsl:value-of select="ed:label('cite')"/></h2>
      <p class="citation">
        <xsl:value-of select="(string-join(ed:authors($doc), '; ')[. ne ''], ed:label('author-unknown'))[1]"/>
        <xsl:text>. “</xsl:text>
        <xsl:value-of select="string-join((ed:title($doc), ed:subtitle($doc)), ' ')"/>
        <xsl:text>”. </xsl:text>
        <xsl:value-of select="normalize-space(($doc//tei:publicationStmt/tei:publisher)[1])"/>
        <xsl:text>, </xsl:text>
        <xsl:value-of select="ed:label('cite-edition')"/>
        <xsl:text>. </xsl:text>
        <span class="cite-url" data-page="{$id}.html"><xsl:value-of select="$url"/></span>
      </p>
      <p>
        <a href="tei/{$id}.xml" download="{$id}.xml" type="application/tei+xml"><xsl:value-of select="ed:label('download-tei')"/></a>
        <xsl:for-each select="$licence">
          <xsl:text> · </xsl:text>
          <xsl:value-of select="ed:label('licence')"/>
          <xsl:text>: </xsl:text>
          <xsl:choose>
            <xsl:when test="ed:is-web-url(@target)"><a href="{normalize-space(@target)}" rel="license"><xsl:value-of select="normalize-space(.)"/></a></xsl:when>
            <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </p>
    </section>
  </xsl:template>
</xsl:stylesheet>
