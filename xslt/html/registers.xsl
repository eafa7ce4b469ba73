<?xml version="1.0" encoding="UTF-8"?>
<!-- Register pages (persons, places, organisations): every entry of
     tei/registers.xml in Turkish alphabetical order, with its other names and
     every mention in every text, each linked to the mention's own id.
     Per text (ed:register-parts) the mentions of each entry become one
     <occurrences> part; the page looks the parts of an entry up by its id. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:render"
    exclude-result-prefixes="#all">

  <xsl:key name="ed:occurrences" match="occurrences" use="@entry"/>

  <xsl:template name="ed:register-page">
    <xsl:param name="register" as="xs:string" required="yes"/>
    <xsl:param name="parts" as="document-node()?"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="ed:label($register)"/>
      <xsl:with-param name="current" select="$register"/>
      <xsl:with-param name="content-request" as="element()"><ed:register-content register="{$register}"/></xsl:with-param>
      <xsl:with-param name="parts" select="$parts" tunnel="yes"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="ed:register-content" mode="ed:page-content">
    <xsl:param name="parts" as="document-node()?" tunnel="yes"/>
    <xsl:variable name="register" select="string(@register)"/>
    <xsl:variable name="entries" select="
        if ($register = 'persons') then $ed:registers//tei:listPerson/tei:person
        else if ($register = 'places') then $ed:registers//tei:listPlace/tei:place
        else $ed:registers//tei:listOrg/tei:org"/>
    <h1><xsl:value-of select="ed:label($register)"/></h1>
    <xsl:if test="empty($ed:registers)">
      <p class="empty"><xsl:value-of select="ed:label('no-register')"/></p>
    </xsl:if>
    <!-- Persons: the persons of the history, then the authors the texts
         cite, each list sorted by surname. -->
    <xsl:variable name="history" select="$entries[not(ed:is-cited-author(.))]"/>
    <xsl:variable name="authors" select="$entries[ed:is-cited-author(.)]"/>
    <xsl:if test="exists($history)">
      <xsl:call-template name="ed:register-list">
        <xsl:with-param name="entries" select="$history"/>
        <xsl:with-param name="register" select="$register"/>
        <xsl:with-param name="heading" select="'h2'"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="exists($authors)">
      <section class="cited-authors" aria-labelledby="cited-authors">
        <h2 id="cited-authors"><xsl:value-of select="ed:label('cited-authors')"/></h2>
        <p class="legend"><xsl:value-of select="ed:label('cited-authors-note')"/></p>
        <xsl:call-template name="ed:register-list">
          <xsl:with-param name="entries" select="$authors"/>
          <xsl:with-param name="register" select="$register"/>
          <xsl:with-param name="heading" select="'h3'"/>
        </xsl:call-template>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="ed:register-list">
    <xsl:param name="entries" as="element()+"/>
    <xsl:param name="register" as="xs:string"/>
    <xsl:param name="heading" as="xs:string"/>
    <xsl:param name="parts" as="document-node()?" tunnel="yes"/>
    <ol class="register">
      <xsl:for-each select="$entries">
        <xsl:sort select="if ($register = 'persons') then ed:person-sort-key(ed:entry-name(.)) else ed:sort-key(ed:entry-name(.))"
            collation="http://www.w3.org/2005/xpath-functions/collation/codepoint"/>
        <xsl:sort select="ed:entry-name(.)"/>
        <xsl:variable name="name" select="if ($register = 'persons') then ed:index-name(ed:entry-name(.)) else ed:entry-name(.)"/>
        <xsl:variable name="id" select="string(@xml:id)"/>
        <li class="entry" id="{$id}">
          <xsl:element name="{$heading}"><xsl:value-of select="$name"/></xsl:element>
          <xsl:call-template name="ed:entry-summary-without-link"/>
          <xsl:call-template name="ed:occurrences">
            <xsl:with-param name="texts" select="if ($parts) then key('ed:occurrences', $id, $parts) else ()"/>
            <xsl:with-param name="heading" select="if ($heading = 'h2') then 'h3' else 'h4'"/>
          </xsl:call-template>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <xsl:template name="ed:entry-summary-without-link">
    <xsl:variable name="summary"><xsl:call-template name="ed:entry-summary"/></xsl:variable>
    <xsl:sequence select="$summary/*[not(@class = ('entry-name', 'entry-link'))]"/>
  </xsl:template>

  <!-- $texts: one <occurrences> per text that mentions the entry; each
       mention with its page and a keyword-in-context line. -->
  <xsl:template name="ed:occurrences">
    <xsl:param name="texts" as="element(occurrences)*"/>
    <xsl:param name="heading" as="xs:string" select="'h3'"/>
    <xsl:choose>
      <xsl:when test="empty($texts)">
        <p class="no-occurrences"><xsl:value-of select="ed:label('no-occurrences')"/></p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{$heading}"><xsl:attribute name="class" select="'occurrences-head'"/><xsl:value-of select="ed:label('occurrences')"/></xsl:element>
        <ul class="occurrences">
          <xsl:for-each select="$texts">
            <xsl:variable name="doc-id" select="string(@doc)"/>
            <li>
              <a href="{$doc-id}.html"><cite><xsl:value-of select="@title"/></cite></a>
              <ul class="mentions">
                <xsl:for-each select="mention">
                  <li>
                    <a href="{$doc-id}.html#{@anchor}" class="occurrence">
                      <xsl:value-of select="ed:label('page')"/>&#160;<xsl:value-of select="@page"/>
                      <xsl:if test="@note"> (<xsl:value-of select="ed:label('note')"/>&#160;<xsl:value-of select="@note"/>)</xsl:if>
                    </a>
                    <xsl:text> </xsl:text>
                    <span class="kwic">
                      <xsl:value-of select="@before"/>
                      <mark><xsl:value-of select="@shown"/></mark>
                      <xsl:value-of select="@after"/>
                    </span>
                  </li>
                </xsl:for-each>
              </ul>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The mentions of a text, one <occurrences> per register entry they
       name, in order of first mention (the pages read them by entry, so the
       order does not show); @register is the page the entry is on. One pass
       serves all three register pages. Data, not HTML: a register page of a
       thousand texts has hundreds of thousands of mentions, and the page's
       process reads them all at once. -->
  <xsl:function name="ed:register-parts" as="element(occurrences)*">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="doc-id" select="ed:doc-id($doc)"/>
    <xsl:variable name="title" select="ed:title($doc)"/>
    <xsl:for-each-group select="$doc//tei:text//(tei:persName | tei:placeName | tei:orgName)" group-by="ed:entry-id(.)">
      <xsl:variable name="registers" select="if (exists($ed:registers)) then distinct-values(key('ed:entry', current-grouping-key(), $ed:registers)/ed:register-of(.)) else ()"/>
      <xsl:if test="exists($registers)">
        <xsl:variable name="mentions" as="element(mention)*">
          <!-- Mentions of one block share the block's texts. -->
          <xsl:for-each-group select="current-group()" group-adjacent="string(ed:sentence-block(.) ! generate-id(.))">
            <xsl:variable name="texts" select="ed:block-texts(ed:sentence-block(.))"/>
            <xsl:for-each select="current-group()">
              <xsl:variable name="context" select="ed:context-in(., $texts)"/>
              <mention anchor="{ed:mention-anchor(.)}" page="{ed:page-of(.)}" shown="{ed:plain(.)}"
                  before="{$context?before}" after="{$context?after}">
                <xsl:for-each select="ancestor::tei:note[1]"><xsl:attribute name="note" select="ed:note-label(.)"/></xsl:for-each>
              </mention>
            </xsl:for-each>
          </xsl:for-each-group>
        </xsl:variable>
        <xsl:for-each select="$registers">
          <occurrences register="{.}" entry="{current-grouping-key()}" doc="{$doc-id}" title="{$title}"><xsl:sequence select="$mentions"/></occurrences>
        </xsl:for-each>
      </xsl:if>
    </xsl:for-each-group>
  </xsl:function>

  <!-- A keyword-in-context line around a mention: up to about 60 characters
       of its block either side, cut at a space, with "…" where cut. -->
  <xsl:function name="ed:context-in" as="map(xs:string, xs:string)">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="texts" as="text()*"/>
    <xsl:variable name="before" select="ed:collapse-space(string-join($texts[. &lt;&lt; $mention], ''))"/>
    <xsl:variable name="after" select="ed:collapse-space(string-join($texts[. >> $mention][not(ancestor::* intersect $mention)], ''))"/>
    <xsl:variable name="b" select="if (string-length($before) le 60) then replace($before, '^\s+', '')
        else '… ' || replace(substring($before, string-length($before) - 59), '^\S*\s+', '')"/>
    <xsl:variable name="a" select="if (string-length($after) le 60) then replace($after, '\s+$', '')
        else replace(substring($after, 1, 60), '\s+\S*$', '') || ' …'"/>
    <xsl:sequence select="map{ 'before': $b, 'after': $a }"/>
  </xsl:function>
</xsl:stylesheet>
