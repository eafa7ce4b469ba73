<?xml version="1.0" encoding="UTF-8"?>
<!-- Persons, places, organisations and dates in the text: quietly marked,
     each with an id so registers and the chronology link to the exact spot.
     A name with a register entry links to it; the card for the popup is
     emitted once per entry at the end of the page (hidden), so the script
     only shows what the page already holds. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:render"
    exclude-result-prefixes="#all">

  <!-- A link inside a link is not HTML: a name inside another linked entity
       is marked but not linked. -->
  <xsl:function name="ed:inside-link" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="some $e in $node/ancestor::*[self::tei:persName or self::tei:placeName or self::tei:orgName or self::tei:date]
        satisfies (exists(ed:entry($e)) or ($e/self::tei:date and ed:is-dated-mention($e)))"/>
  </xsl:function>

  <xsl:template match="tei:persName | tei:placeName | tei:orgName" mode="ed:html">
    <xsl:variable name="entry" select="ed:entry(.)"/>
    <xsl:variable name="kind" select="ed:register-of(.)"/>
    <xsl:variable name="href" select="ed:entity-href(.)"/>
    <xsl:choose>
      <xsl:when test="exists($entry) and not(ed:inside-link(.))">
        <a class="ent ent-{$kind}{' ent-machine'[ed:is-machine-tagged(current())]}" id="{ed:mention-anchor(.)}" href="{$kind}.html#{$entry/@xml:id}"
            data-entry="{$entry/@xml:id}" aria-describedby="card-{$entry/@xml:id}">
          <xsl:apply-templates mode="ed:html"/>
        </a>
      </xsl:when>
      <!-- No register entry: an entry of the document's own lists, or a web
           authority (GND, VIAF, GeoNames…) the name points to. -->
      <xsl:when test="$href ne '' and not(ed:inside-link(.)) and empty(ancestor::*[self::tei:persName or self::tei:placeName or self::tei:orgName or self::tei:ref or self::tei:ptr][ed:entity-href(.) ne '' or ed:is-web-url(@target)])">
        <a class="ent ent-{$kind}" href="{$href}">
          <xsl:call-template name="ed:mention-id"/>
          <xsl:apply-templates mode="ed:html"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="ent ent-{$kind}">
          <xsl:call-template name="ed:mention-id"/>
          <xsl:if test="@key"><xsl:attribute name="data-key" select="@key"/></xsl:if>
          <xsl:apply-templates mode="ed:html"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Mentions are numbered in the texts only; a name in the header or in
       standOff has no mention id (it would repeat the last one). -->
  <xsl:template name="ed:mention-id">
    <xsl:if test="ancestor::tei:text"><xsl:attribute name="id" select="ed:mention-anchor(.)"/></xsl:if>
  </xsl:template>

  <!-- Where a name without a register entry links: "#id-x" for @ref="#x"
       naming an entry of the document's own lists, its first web address
       otherwise; '' if neither. -->
  <xsl:function name="ed:entity-href" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="refs" select="tokenize(normalize-space($name/@ref))"/>
    <xsl:variable name="local" select="$refs[starts-with(., '#')] ! substring(., 2)[exists(key('ed:local-entry', ., root($name)))]"/>
    <xsl:sequence select="(('#id-' || $local[1])[exists($local)], $refs[ed:is-web-url(.)], '')[1]"/>
  </xsl:function>

  <xsl:key name="ed:local-entry" match="tei:person | tei:place | tei:org | tei:personGrp | tei:bibl | tei:event
      [parent::*[starts-with(local-name(), 'list')]]" use="@xml:id"/>

  <xsl:template match="tei:date" mode="ed:html">
    <xsl:variable name="when" select="normalize-space(@when)"/>
    <xsl:variable name="content" as="node()*">
      <xsl:choose>
        <xsl:when test="matches($when, '^\d{4}(-\d{2}(-\d{2})?)?$')">
          <time datetime="{$when}"><xsl:apply-templates mode="ed:html"/></time>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates mode="ed:html"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="ed:is-dated-mention(.) and not(ed:inside-link(.))">
        <a class="ent ent-date{' ent-machine'[ed:is-machine-tagged(current())]}" id="{ed:mention-anchor(.)}" href="chronology.html#{ed:chronology-anchor(.)}"
            data-date="{string-join((@when, @from, @notBefore) ! string(), '') || (if (@to or @notAfter) then ' – ' || (@to, @notAfter)[1] else '')}">
          <xsl:sequence select="$content"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="date"><xsl:call-template name="ed:mention-id"/><xsl:sequence select="$content"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:function name="ed:chronology-anchor" as="xs:string">
    <xsl:param name="date" as="element(tei:date)"/>
    <xsl:sequence select="'c-' || ed:doc-id($date) || '-' || ed:mention-anchor($date)"/>
  </xsl:function>

  <!-- The register cards of the entries this page mentions, for the popups. -->
  <xsl:template name="ed:entry-cards">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="entries" select="(ed:texts($doc)//(tei:persName | tei:placeName | tei:orgName) ! ed:entry(.)) /."/>
    <xsl:if test="exists($entries)">
      <div class="entry-cards" hidden="">
        <xsl:for-each select="$entries">
          <div class="entry-card" id="card-{@xml:id}">
            <xsl:call-template name="ed:entry-summary"/>
          </div>
        </xsl:for-each>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- What a reader needs to know about an entry: name, kind, other names,
       where it is. Shared by the popups and the register pages. -->
  <xsl:template name="ed:entry-summary">
    <xsl:variable name="register" select="ed:register-of(.)"/>
    <p class="entry-name"><strong><xsl:value-of select="ed:entry-name(.)"/></strong>
      <xsl:text> (</xsl:text>
      <xsl:value-of select="ed:label(if ($register = 'persons') then 'kind-person' else if ($register = 'places') then 'kind-place' else 'kind-org')"/>
      <xsl:if test="normalize-space(@type)"><xsl:text>, </xsl:text><xsl:value-of select="ed:kind-label(normalize-space(@type))"/></xsl:if>
      <xsl:text>)</xsl:text>
    </p>
    <!-- Not a variant that is another name broken by a hyphen at a line end
         in the source ("Şa-umyan" beside "Şaumyan"). -->
    <xsl:variable name="names" select="*[self::tei:persName or self::tei:placeName or self::tei:orgName]"/>
    <xsl:variable name="keys" select="$names ! (., tokenize(normalize-space(.), ' ')) ! ed:sort-key(.)"/>
    <xsl:variable name="variants" select="$names[not(@type = 'preferred')][not(. is $names[1] and empty($names[@type = 'preferred']))]
        [not(contains(., '-') and ed:sort-key(replace(., '-', '')) = $keys)]"/>
    <xsl:if test="exists($variants)">
      <p class="entry-variants"><xsl:value-of select="ed:label('variants')"/>: <xsl:for-each select="$variants">
          <span>
            <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="ed:bcp47(@xml:lang)"/></xsl:if>
            <xsl:value-of select="normalize-space(.)"/>
          </span>
          <xsl:if test="position() ne last()">, </xsl:if>
        </xsl:for-each></p>
    </xsl:if>
    <xsl:for-each select="tei:location/tei:geo[matches(normalize-space(.), '^-?\d+(\.\d+)?\s+-?\d+(\.\d+)?$')]">
      <p class="entry-geo"><xsl:value-of select="ed:label('coordinates')"/>: <xsl:value-of select="string-join(tokenize(normalize-space(.), '\s+'), ', ')"/></p>
    </xsl:for-each>
    <xsl:for-each select="tei:idno[@type = 'geonames'][matches(normalize-space(.), '^\d+$')]">
      <p class="entry-geonames"><a href="https://www.geonames.org/{normalize-space(.)}"><xsl:value-of select="ed:label('geonames') || ' ' || normalize-space(.)"/></a></p>
    </xsl:for-each>
    <p class="entry-link"><a href="{$register}.html#{@xml:id}"><xsl:value-of select="ed:label('register-entry')"/></a></p>
  </xsl:template>
</xsl:stylesheet>
