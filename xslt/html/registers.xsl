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
    <xsl:if test="exists($entries)">
      <ol class="register">
        <xsl:for-each select="$entries">
          <xsl:sort select="ed:sort-key(ed:entry-name(.))" collation="http://www.w3.org/2005/xpath-functions/collation/codepoint"/>
          <xsl:sort select="ed:entry-name(.)"/>
          <xsl:variable name="id" select="string(@xml:id)"/>
          <li class="entry" id="{$id}">
            <h2><xsl:value-of select="ed:entry-name(.)"/></h2>
            <xsl:call-template name="ed:entry-summary-without-link"/>
            <xsl:call-template name="ed:occurrences">
              <xsl:with-param name="texts" select="if ($parts) then key('ed:occurrences', $id, $parts) else ()"/>
            </xsl:call-template>
          </li>
        </xsl:for-each>
      </ol>
    </xsl:if>
  </xsl:template>

  <xsl:template name="ed:entry-summary-without-link">
    <xsl:variable name="summary"><xsl:call-template name="ed:entry-summary"/></xsl:variable>
    <xsl:sequence select="$summary/*[not(@class = ('entry-name', 'entry-link'))]"/>
  </xsl:template>

  <!-- $texts: one <occurrences> per text that mentions the entry. -->
  <xsl:template name="ed:occurrences">
    <xsl:param name="texts" as="element(occurrences)*"/>
    <xsl:choose>
      <xsl:when test="empty($texts)">
        <p class="no-occurrences"><xsl:value-of select="ed:label('no-occurrences')"/></p>
      </xsl:when>
      <xsl:otherwise>
        <h3 class="occurrences-head"><xsl:value-of select="ed:label('occurrences')"/></h3>
        <ul class="occurrences">
          <xsl:for-each select="$texts">
            <xsl:variable name="doc-id" select="string(@doc)"/>
            <li>
              <a href="{$doc-id}.html"><cite><xsl:value-of select="@title"/></cite></a>
              <xsl:text>: </xsl:text>
              <xsl:for-each select="mention">
                <a href="{$doc-id}.html#{@anchor}" class="occurrence">
                  <xsl:value-of select="ed:label('page')"/>&#160;<xsl:value-of select="@page"/>
                  <xsl:if test="@note"> (<xsl:value-of select="ed:label('note')"/>&#160;<xsl:value-of select="@note"/>)</xsl:if>
                  <xsl:if test="@form">: <span class="form"><xsl:value-of select="@form"/></span></xsl:if>
                </a>
                <xsl:if test="position() ne last()">, </xsl:if>
              </xsl:for-each>
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
        <!-- Every mention of the group names the same entry. -->
        <xsl:variable name="name" select="ed:entry-name(ed:entry(.))"/>
        <xsl:variable name="name-key" select="ed:sort-key($name)"/>
        <xsl:variable name="mentions" as="element(mention)*">
          <xsl:for-each select="current-group()">
            <xsl:variable name="form" select="normalize-space(.)"/>
            <mention anchor="{ed:mention-anchor(.)}" page="{ed:page-of(.)}">
              <xsl:for-each select="ancestor::tei:note[1]"><xsl:attribute name="note" select="ed:note-label(.)"/></xsl:for-each>
              <!-- The form the text uses, unless it is the entry's name in
                   another case or accent ("$form ne $name" first: the same
                   string needs no key). -->
              <xsl:if test="$form ne $name and ed:sort-key($form) ne $name-key"><xsl:attribute name="form" select="$form"/></xsl:if>
            </mention>
          </xsl:for-each>
        </xsl:variable>
        <xsl:for-each select="$registers">
          <occurrences register="{.}" entry="{current-grouping-key()}" doc="{$doc-id}" title="{$title}"><xsl:sequence select="$mentions"/></occurrences>
        </xsl:for-each>
      </xsl:if>
    </xsl:for-each-group>
  </xsl:function>
</xsl:stylesheet>
