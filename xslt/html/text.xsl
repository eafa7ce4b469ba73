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
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="ed:title($doc)"/>
      <xsl:with-param name="body-class" select="'text-page'"/>
      <xsl:with-param name="meta"><xsl:call-template name="ed:citation-meta"><xsl:with-param name="doc" select="$doc"/></xsl:call-template></xsl:with-param>
      <xsl:with-param name="content">
        <article class="edition-text" lang="{$ed:page-lang}" aria-labelledby="title">
          <xsl:variable name="texts" select="ed:texts($doc)"/>
          <xsl:variable name="front" select="$texts[1][count($texts) = 1]/tei:front"/>
          <xsl:choose>
            <xsl:when test="exists($front)"><xsl:apply-templates select="$front" mode="ed:html"/></xsl:when>
            <xsl:otherwise><xsl:call-template name="ed:title-block"><xsl:with-param name="doc" select="$doc"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
          <xsl:call-template name="ed:toc"><xsl:with-param name="doc" select="$doc"/></xsl:call-template>
          <p class="entity-toggle" hidden="">
            <button type="button" class="toggle-entities" aria-pressed="true"><xsl:value-of select="ed:label('highlight')"/></button>
          </p>
          <xsl:choose>
            <xsl:when test="count($texts) = 1">
              <xsl:apply-templates select="$texts/(* except tei:front)" mode="ed:html"/>
            </xsl:when>
            <!-- A corpus: every text in turn, each under its own header's title. -->
            <xsl:otherwise>
              <xsl:for-each select="$texts">
                <section class="corpus-member" aria-labelledby="{ed:block-anchor(.)}-title">
                  <xsl:if test="../@xml:lang"><xsl:attribute name="lang" select="ed:bcp47(../@xml:lang)"/></xsl:if>
                  <h2 id="{ed:block-anchor(.)}-title">
                    <xsl:value-of select="(../tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title ! normalize-space()[. ne ''], ed:label('untitled'))[1]"/>
                  </h2>
                  <xsl:apply-templates select="*" mode="ed:html"/>
                </section>
              </xsl:for-each>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:apply-templates select="$doc/*/tei:standOff" mode="ed:html"/>
          <xsl:call-template name="ed:notes-list"><xsl:with-param name="doc" select="$doc"/></xsl:call-template>
          <xsl:call-template name="ed:about"><xsl:with-param name="doc" select="$doc"/></xsl:call-template>
          <xsl:call-template name="ed:cite"><xsl:with-param name="doc" select="$doc"/></xsl:call-template>
        </article>
        <xsl:call-template name="ed:entry-cards"><xsl:with-param name="doc" select="$doc"/></xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The title block from the header, for a text whose front does not
       give its title as this project's texts do (docTitle in front). -->
  <xsl:template name="ed:title-block">
    <xsl:param name="doc" as="node()"/>
    <header class="title-block">
      <h1 id="title"><xsl:value-of select="ed:title($doc)"/></h1>
      <xsl:for-each select="ed:subtitle($doc)"><p class="subtitle"><xsl:value-of select="."/></p></xsl:for-each>
      <xsl:variable name="authors" select="ed:authors($doc)"/>
      <p class="author"><xsl:value-of select="(string-join($authors, '; ')[. ne ''], ed:label('author-unknown'))[1]"/></p>
    </header>
  </xsl:template>

  <!-- Title block: the text's own title page (docTitle, docAuthor) as this
       project writes it; any other front (titlePage, prefaces, arguments)
       after the title from the header. -->
  <xsl:template match="tei:TEI/tei:text/tei:front" mode="ed:html">
    <xsl:choose>
      <xsl:when test="tei:docTitle">
        <header class="title-block">
          <xsl:apply-templates select="tei:pb[not(preceding-sibling::tei:div)] | tei:docTitle | tei:docAuthor" mode="ed:html"/>
          <!-- No author on the title page: the header's, or that none is known
               (a reader should not wonder whether a line went missing). -->
          <xsl:if test="empty(tei:docAuthor)">
            <p class="author"><xsl:value-of select="(string-join(ed:authors(.), '; ')[. ne ''], ed:label('author-unknown'))[1]"/></p>
          </xsl:if>
          <xsl:variable name="affiliations" select="ed:title-stmt(.)/tei:author/tei:affiliation"/>
          <xsl:if test="exists($affiliations) and empty(tei:docAuthor//tei:note)">
            <p class="affiliation"><xsl:value-of select="string-join($affiliations ! normalize-space(), '; ')"/></p>
          </xsl:if>
        </header>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="ed:title-block"><xsl:with-param name="doc" select="."/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
    <xsl:variable name="rest" select="* except (tei:docTitle | tei:docAuthor | tei:pb[not(preceding-sibling::tei:div)])"/>
    <xsl:if test="exists($rest)">
      <div class="abstracts">
        <xsl:apply-templates select="$rest" mode="ed:html"/>
      </div>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:TEI/tei:text/tei:front/tei:docTitle" mode="ed:html">
    <h1 id="title">
      <xsl:for-each select="tei:titlePart">
        <span class="{if (@type = 'sub') then 'subtitle' else 'main-title'}"><xsl:apply-templates mode="ed:html"/></span>
        <xsl:if test="position() ne last()"><xsl:text> </xsl:text></xsl:if>
      </xsl:for-each>
    </h1>
  </xsl:template>

  <xsl:template match="tei:TEI/tei:text/tei:front/tei:docAuthor" mode="ed:html">
    <p class="author"><xsl:apply-templates mode="ed:html"/></p>
  </xsl:template>

  <xsl:template match="tei:div[@type = 'abstract'][tei:head[not(@type = 'title')]]" mode="ed:html">
    <section class="abstract" aria-labelledby="{ed:block-anchor(tei:head[not(@type = 'title')][1])}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="ed:bcp47(@xml:lang)"/></xsl:if>
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
    <xsl:variable name="sections" select="$doc/tei:TEI/tei:text/tei:body/tei:div[tei:head]"/>
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
          <xsl:if test="exists(tei:div[tei:head])">
            <xsl:call-template name="ed:toc-level"><xsl:with-param name="divs" select="tei:div[tei:head]"/></xsl:call-template>
          </xsl:if>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <xsl:function name="ed:section-anchor" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="($div/@xml:id ! string(), $div/tei:head[1] ! ('sec-' || ed:block-anchor(.)), 'sec-d' || $div/accumulator-before('ed:div'))[1]"/>
  </xsl:function>

  <xsl:template match="tei:body | tei:back" mode="ed:html">
    <div class="{local-name()}"><xsl:apply-templates mode="ed:html"/></div>
  </xsl:template>

  <xsl:template match="tei:standOff" mode="ed:html">
    <div class="standoff"><xsl:apply-templates mode="ed:html"/></div>
  </xsl:template>

  <!-- Heading level follows nesting: body sections are h2, their
       subsections h3, down to h6. -->
  <!-- Numbered divisions (div1…div7, common in older TEI) are sections too. -->
  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7" mode="ed:html">
    <xsl:variable name="depth" select="count(ancestor::*[self::tei:div or self::tei:div1 or self::tei:div2 or self::tei:div3
        or self::tei:div4 or self::tei:div5 or self::tei:div6 or self::tei:div7]) + 2"/>
    <section id="{ed:section-anchor(.)}" aria-labelledby="{ed:head-anchor(.)}">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="ed:bcp47(@xml:lang)"/></xsl:if>
      <xsl:for-each select="tei:head[1]">
        <xsl:element name="h{min(($depth, 6))}">
          <xsl:attribute name="id" select="ed:block-anchor(.)"/>
          <xsl:apply-templates mode="ed:html"/>
        </xsl:element>
      </xsl:for-each>
      <xsl:if test="empty(tei:head)">
        <xsl:element name="h{min(($depth, 6))}">
          <xsl:attribute name="id" select="ed:head-anchor(.)"/>
          <xsl:attribute name="class" select="'visually-hidden'"/>
          <xsl:value-of select="ed:label('text')"/>
        </xsl:element>
      </xsl:if>
      <xsl:apply-templates select="node() except tei:head[1]" mode="ed:html"/>
    </section>
  </xsl:template>

  <!-- The id of a section's heading: its head's, or for a section without
       one (its heading is hidden) one of its own. -->
  <xsl:function name="ed:head-anchor" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="if ($div/tei:head) then ed:block-anchor($div/tei:head[1]) else 'head-d' || $div/accumulator-before('ed:div')"/>
  </xsl:function>

  <xsl:template match="tei:head" mode="ed:html">
    <xsl:call-template name="ed:box">
      <xsl:with-param name="name" select="'p'"/>
      <xsl:with-param name="class" select="'head'"/>
      <xsl:with-param name="id" select="ed:block-anchor(.)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:p" mode="ed:html">
    <xsl:element name="{if (ed:in-phrasing(.) or exists(*[ed:is-block(.)])) then 'div' else 'p'}">
      <xsl:attribute name="id" select="ed:block-anchor(.)"/>
      <xsl:if test="ed:in-phrasing(.) or exists(*[ed:is-block(.)])"><xsl:attribute name="class" select="'p'"/></xsl:if>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="ed:bcp47(@xml:lang)"/></xsl:if>
      <xsl:apply-templates mode="ed:html"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:quote[*[ed:is-block(.)]] | tei:q[*[ed:is-block(.)]]" mode="ed:html">
    <xsl:call-template name="ed:box">
      <xsl:with-param name="name" select="'blockquote'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The quotation marks are in the text already; CSS turns off q's own. -->
  <xsl:template match="tei:q | tei:quote" mode="ed:html">
    <q><xsl:apply-templates mode="ed:html"/></q>
  </xsl:template>

  <!-- A list: its heads before it, every item (with its label), and
       anything else in it (a page break between items…) as an item of its
       own, so that nothing in a list is lost. -->
  <xsl:template match="tei:list" mode="ed:html">
    <xsl:apply-templates select="tei:head" mode="ed:html"/>
    <xsl:element name="{if (@type = 'ordered' or tei:label) then 'ol' else 'ul'}">
      <xsl:attribute name="class" select="if (tei:label) then 'labelled' else 'plain'"/>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="ed:bcp47(@xml:lang)"/></xsl:if>
      <xsl:for-each select="* except (tei:head | tei:label[following-sibling::*[1][self::tei:item]])">
        <xsl:choose>
          <xsl:when test="self::tei:item"><xsl:apply-templates select="." mode="ed:html"/></xsl:when>
          <xsl:otherwise><li class="list-{local-name()}"><xsl:apply-templates select="." mode="ed:html"/></li></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:item" mode="ed:html">
    <li id="{ed:block-anchor(.)}">
      <xsl:for-each select="preceding-sibling::*[1][self::tei:label]">
        <span class="label"><xsl:apply-templates mode="ed:html"/></span>
        <xsl:text> </xsl:text>
      </xsl:for-each>
      <xsl:choose>
        <!-- Fields (see ed:is-fields): a space between them. -->
        <xsl:when test="ed:is-fields(.)">
          <xsl:for-each select="*">
            <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
            <xsl:apply-templates select="." mode="ed:html"/>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates mode="ed:html"/></xsl:otherwise>
      </xsl:choose>
    </li>
  </xsl:template>

  <xsl:template match="tei:hi" mode="ed:html">
    <xsl:variable name="rend" select="string-join((@rend, @style, @rendition), ' ')"/>
    <xsl:element name="{if (contains($rend, 'bold')) then 'strong'
        else if (contains($rend, 'italic')) then 'em'
        else if (tokenize($rend) = ('sup', 'superscript') or matches($rend, 'vertical-align:\s*super')) then 'sup'
        else if (tokenize($rend) = ('sub', 'subscript') or matches($rend, 'vertical-align:\s*sub')) then 'sub'
        else 'span'}">
      <xsl:if test="@rend"><xsl:attribute name="class" select="'hi ' || ed:rend-classes(@rend)"/></xsl:if>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="ed:bcp47(@xml:lang)"/></xsl:if>
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
  <xsl:template match="tei:author | tei:publisher | tei:pubPlace | tei:biblScope
                       | tei:TEI/tei:text/tei:front/tei:docTitle/tei:titlePart | tei:item/tei:label | tei:affiliation" mode="ed:html">
    <xsl:apply-templates mode="ed:html"/>
  </xsl:template>

  <xsl:template match="tei:seg" mode="ed:html">
    <xsl:choose>
      <xsl:when test="@xml:lang"><span lang="{ed:bcp47(@xml:lang)}"><xsl:apply-templates mode="ed:html"/></span></xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="ed:html"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A line of the source is not a line of the edition; a word broken
       across lines (break="no") stays one word (see ed:text-of). -->
  <xsl:template match="tei:lb | tei:cb" mode="ed:html">
    <xsl:if test="not(ed:is-word-break(.))"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- Running heads and printed page numbers are the printer's, not the
       text's. -->
  <xsl:template match="tei:fw" mode="ed:html"/>

  <xsl:template match="text()" mode="ed:html">
    <xsl:value-of select="ed:text-of(.)"/>
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
    <xsl:variable name="licence" select="ed:licence($doc)"/>
    <section class="cite" aria-labelledby="cite-head">
      <h2 id="cite-head"><xsl:value-of select="ed:label('cite')"/></h2>
      <p class="citation">
        <xsl:value-of select="(string-join(ed:authors($doc), '; ')[. ne ''], ed:label('author-unknown'))[1]"/>
        <xsl:text>. “</xsl:text>
        <xsl:value-of select="string-join((ed:title($doc), ed:subtitle($doc)), ' ')"/>
        <xsl:text>”. </xsl:text>
        <xsl:for-each select="normalize-space((ed:header($doc)/tei:fileDesc/tei:publicationStmt/(tei:publisher, tei:distributor, tei:authority))[1])[. ne '']">
          <xsl:value-of select="."/>
          <xsl:text>, </xsl:text>
        </xsl:for-each>
        <xsl:value-of select="ed:label('cite-edition')"/>
        <xsl:text>. </xsl:text>
        <span class="cite-url" data-page="{$id}.html"><xsl:value-of select="$url"/></span>
        <span class="cite-accessed" data-label="{ed:label('cite-accessed')}" hidden=""></span>
      </p>
      <xsl:call-template name="ed:cite-formats">
        <xsl:with-param name="doc" select="$doc"/>
        <xsl:with-param name="url" select="$url"/>
      </xsl:call-template>
      <p>
        <a href="tei/{$id}.xml" download="{$id}.xml" type="application/tei+xml"><xsl:value-of select="ed:label('download-tei')"/></a>
        <xsl:for-each select="$licence">
          <xsl:text> · </xsl:text>
          <xsl:value-of select="ed:label('licence')"/>
          <xsl:text>: </xsl:text>
          <xsl:choose>
            <xsl:when test="ed:is-web-url(@target)"><a href="{normalize-space(@target)}" rel="license"><xsl:value-of select="(normalize-space(.)[. ne ''], normalize-space(@target))[1]"/></a></xsl:when>
            <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </p>
      <!-- What the header says of the source and the languages. -->
      <xsl:for-each select="ed:source($doc)">
        <p class="source"><xsl:value-of select="ed:label('source')"/>: <xsl:value-of select="."/></p>
      </xsl:for-each>
      <xsl:if test="exists(ed:languages($doc))">
        <p class="languages"><xsl:value-of select="ed:label('language')"/>: <xsl:value-of select="string-join(ed:languages($doc), ', ')"/></p>
      </xsl:if>
    </section>
  </xsl:template>
</xsl:stylesheet>
