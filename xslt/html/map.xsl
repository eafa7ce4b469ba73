<?xml version="1.0" encoding="UTF-8"?>
<!-- The map of places mentioned, drawn at build time as inline SVG from the
     vendored Natural Earth outline (no tiles, no CDN; assets/map.js adds
     zoom, pan and label placement, see there): an
     equirectangular projection scaled by cos(mid-latitude), which keeps the
     region's shapes recognisable. Each dot links to its register entry; a
     list below gives the same places as text. Per text (ed:map-parts): the
     register entries it mentions. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:math="http://www.w3.org/2005/xpath-functions/math"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:render"
    xmlns:svg="http://www.w3.org/2000/svg"
    exclude-result-prefixes="#all">

  <xsl:variable name="ed:map" as="element(map)?" select="$map-outline?*[1]/map"/>
  <!-- west south east north -->
  <xsl:variable name="ed:region" as="xs:double*"
      select="if ($ed:map) then tokenize($ed:map/@region) ! xs:double(.) else (25.5, 34.0, 55.0, 47.0)"/>
  <xsl:variable name="ed:pixels-per-degree" as="xs:double" select="36"/>
  <xsl:variable name="ed:x-scale" as="xs:double"
      select="$ed:pixels-per-degree * math:cos(($ed:region[2] + $ed:region[4]) div 2 * math:pi() div 180)"/>
  <xsl:variable name="ed:map-width" as="xs:double" select="round(($ed:region[3] - $ed:region[1]) * $ed:x-scale)"/>
  <xsl:variable name="ed:map-height" as="xs:double" select="round(($ed:region[4] - $ed:region[2]) * $ed:pixels-per-degree)"/>

  <xsl:function name="ed:x" as="xs:string">
    <xsl:param name="lon" as="xs:double"/>
    <xsl:sequence select="format-number(($lon - $ed:region[1]) * $ed:x-scale, '0.#')"/>
  </xsl:function>
  <xsl:function name="ed:y" as="xs:string">
    <xsl:param name="lat" as="xs:double"/>
    <xsl:sequence select="format-number(($ed:region[4] - $lat) * $ed:pixels-per-degree, '0.#')"/>
  </xsl:function>

  <!-- geo is "lat lon" in TEI. -->
  <xsl:function name="ed:lat-lon" as="xs:double*">
    <xsl:param name="place" as="element(tei:place)"/>
    <xsl:variable name="geo" select="normalize-space($place/tei:location/tei:geo[1])"/>
    <xsl:sequence select="if (matches($geo, '^-?\d+(\.\d+)?\s+-?\d+(\.\d+)?$')) then tokenize($geo) ! xs:double(.) else ()"/>
  </xsl:function>

  <xsl:key name="ed:mentioned" match="mentioned" use="@entry"/>

  <!-- Every place of the register the text names, once. -->
  <xsl:function name="ed:map-parts" as="element(mentioned)*">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:for-each select="distinct-values($doc//tei:text//(tei:persName | tei:placeName | tei:orgName)/ed:entry-id(.))">
      <xsl:if test="exists($ed:registers) and exists(key('ed:entry', ., $ed:registers)/self::tei:place)">
        <mentioned entry="{.}" count="{count($doc//tei:text//tei:placeName[ed:entry-id(.) = current()])}"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:function>

  <xsl:template name="ed:map-page">
    <xsl:param name="parts" as="document-node()?"/>
    <xsl:variable name="mentioned" select="$ed:registers//tei:listPlace/tei:place[exists($parts) and exists(key('ed:mentioned', string(@xml:id), $parts))]"/>
    <xsl:variable name="located" select="$mentioned[count(ed:lat-lon(.)) = 2]"/>
    <xsl:variable name="on-map" select="$located[ed:lat-lon(.) => (function($ll) { $ll[1] ge $ed:region[2] and $ll[1] le $ed:region[4] and $ll[2] ge $ed:region[1] and $ll[2] le $ed:region[3] })()]"/>
    <xsl:call-template name="ed:page">
      <xsl:with-param name="title" select="ed:label('map')"/>
      <xsl:with-param name="current" select="'map'"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="ed:label('map')"/></h1>
        <p><xsl:value-of select="ed:label('map-intro')"/></p>
        <figure class="map" data-km-per-unit="{111.32 div $ed:pixels-per-degree}">
          <p class="map-controls" role="group" aria-label="{ed:label('map-controls')}" hidden="">
            <button type="button" data-zoom="in" aria-label="{ed:label('map-zoom-in')}">+</button>
            <button type="button" data-zoom="out" aria-label="{ed:label('map-zoom-out')}">−</button>
            <button type="button" data-zoom="reset"><xsl:value-of select="ed:label('map-reset')"/></button>
          </p>
          <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {$ed:map-width} {$ed:map-height}" role="group" aria-labelledby="map-caption">
            <rect class="sea" x="0" y="0" width="{$ed:map-width}" height="{$ed:map-height}"/>
            <g class="land">
              <xsl:for-each select="$ed:map/country">
                <path d="{string-join(ring ! ed:ring-path(.), ' ')}"><title><xsl:value-of select="@name"/></title></path>
              </xsl:for-each>
            </g>
            <!-- Most-mentioned places first: their labels are placed first
                 (assets/map.js), and their dots are drawn last, on top. -->
            <xsl:variable name="ranked" as="element(tei:place)*">
              <xsl:perform-sort select="$on-map">
                <xsl:sort select="sum(key('ed:mentioned', string(@xml:id), $parts)/@count)" data-type="number" order="descending"/>
                <xsl:sort select="ed:sort-key(ed:entry-name(.))"/>
              </xsl:perform-sort>
            </xsl:variable>
            <g class="places">
              <xsl:for-each select="reverse($ranked)">
                <xsl:variable name="ll" select="ed:lat-lon(.)"/>
                <xsl:variable name="count" select="sum(key('ed:mentioned', string(@xml:id), $parts)/@count)"/>
                <a href="places.html#{@xml:id}" aria-label="{ed:entry-name(.)} ({$count} {ed:label('mentions-count')})"
                    data-rank="{count($ranked) - position() + 1}">
                  <circle cx="{ed:x($ll[2])}" cy="{ed:y($ll[1])}" r="{format-number(min((7, 2.5 + math:sqrt($count) * 0.6)), '0.#')}"/>
                  <text x="{ed:x($ll[2])}" y="{ed:y($ll[1])}" dx="6" dy="4"><xsl:value-of select="ed:entry-name(.)"/></text>
                </a>
              </xsl:for-each>
            </g>
            <g class="scale-bar" aria-hidden="true">
              <line x1="10" y1="{$ed:map-height - 12}" x2="{format-number(10 + 200 div (111.32 div $ed:pixels-per-degree), '0.#')}" y2="{$ed:map-height - 12}"/>
              <text x="10" y="{$ed:map-height - 17}">200 km</text>
            </g>
          </svg>
          <figcaption id="map-caption">
            <xsl:value-of select="ed:label('map')"/>
            <xsl:text> (</xsl:text>
            <xsl:value-of select="string-join(($ed:region[1] || '–' || $ed:region[3] || '° E', $ed:region[2] || '–' || $ed:region[4] || '° N'), ', ')"/>
            <xsl:text>). </xsl:text>
            <xsl:value-of select="ed:label('map-source')"/>
          </figcaption>
        </figure>
        <div class="map-legend">
            <h2><xsl:value-of select="ed:label('map-legend')"/></h2>
            <p><svg xmlns="http://www.w3.org/2000/svg" class="legend-dot" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"><circle cx="7" cy="7" r="5"/></svg>
              <xsl:text> </xsl:text><xsl:value-of select="ed:label('map-legend-dot')"/></p>
            <p><svg xmlns="http://www.w3.org/2000/svg" class="legend-scale" width="40" height="10" viewBox="0 0 40 10" aria-hidden="true"><line x1="1" y1="5" x2="39" y2="5"/></svg>
              <xsl:text> </xsl:text><xsl:value-of select="ed:label('map-scale')"/>: <span class="scale-text">200 km</span></p>
            <p class="map-help" hidden=""><xsl:value-of select="ed:label('map-legend-pan')"/></p>
          </div>
        <script src="assets/map.js" defer=""></script>
        <xsl:call-template name="ed:place-list">
          <xsl:with-param name="head" select="ed:label('places')"/>
          <xsl:with-param name="places" select="$on-map"/>
        </xsl:call-template>
        <xsl:call-template name="ed:place-list">
          <xsl:with-param name="head" select="ed:label('map-outside')"/>
          <xsl:with-param name="places" select="$located except $on-map"/>
        </xsl:call-template>
        <xsl:call-template name="ed:place-list">
          <xsl:with-param name="head" select="ed:label('map-no-coordinates')"/>
          <xsl:with-param name="places" select="$mentioned except $located"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:function name="ed:ring-path" as="xs:string">
    <xsl:param name="ring" as="element(ring)"/>
    <xsl:variable name="points" select="tokenize(normalize-space($ring)) ! (let $p := tokenize(., ',') ! xs:double(.) return ed:x($p[1]) || ',' || ed:y($p[2]))"/>
    <xsl:sequence select="'M' || string-join($points, 'L') || 'Z'"/>
  </xsl:function>

  <xsl:template name="ed:place-list">
    <xsl:param name="head" as="xs:string"/>
    <xsl:param name="places" as="element(tei:place)*"/>
    <xsl:if test="exists($places)">
      <h2><xsl:value-of select="$head"/></h2>
      <ul class="place-list">
        <xsl:for-each select="$places">
          <xsl:sort select="ed:sort-key(ed:entry-name(.))"/>
          <li>
            <a href="places.html#{@xml:id}"><xsl:value-of select="ed:entry-name(.)"/></a>
            <xsl:if test="count(ed:lat-lon(.)) = 2"> (<xsl:value-of select="string-join(ed:lat-lon(.) ! string(.), ', ')"/>)</xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
