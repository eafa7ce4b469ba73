<?xml version="1.0" encoding="UTF-8"?>
<!-- The map of places mentioned, drawn at build time as inline SVG from the
     vendored Natural Earth outline (no tiles, no CDN; assets/map.js adds
     zoom, pan and places the labels again for the screen, see there): an
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
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
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
            <xsl:variable name="dots" as="map(*)*" select="$ranked ! ed:map-dot(., $parts)"/>
            <xsl:variable name="labels" select="ed:place-labels($dots)"/>
            <g class="places">
              <xsl:for-each select="reverse($dots)">
                <a href="places.html#{?id}" aria-label="{?name} ({?count} {ed:label('mentions-count')})"
                    data-rank="{count($dots) - position() + 1}">
                  <circle cx="{?x}" cy="{?y}" r="{?r}"/>
                  <xsl:variable name="at" select="$labels(?id)"/>
                  <text x="{if (exists($at)) then $at(1) else ?x}" y="{if (exists($at)) then $at(2) else ?y}">
                    <xsl:if test="empty($at)"><xsl:attribute name="class" select="'unplaced'"/></xsl:if>
                    <xsl:value-of select="?name"/>
                  </text>
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

  <!-- A place on the map: its id, name, mentions, and its dot (centre and
       radius in map units, rounded as drawn). -->
  <xsl:function name="ed:map-dot" as="map(*)">
    <xsl:param name="place" as="element(tei:place)"/>
    <xsl:param name="parts" as="document-node()?"/>
    <xsl:variable name="ll" select="ed:lat-lon($place)"/>
    <xsl:variable name="count" select="sum(key('ed:mentioned', string($place/@xml:id), $parts)/@count)"/>
    <xsl:sequence select="map{ 'id': string($place/@xml:id), 'name': ed:entry-name($place), 'count': $count,
        'x': xs:double(ed:x($ll[2])), 'y': xs:double(ed:y($ll[1])),
        'r': xs:double(format-number(min((7, 2.5 + math:sqrt($count) * 0.6)), '0.#')) }"/>
  </xsl:function>

  <!-- Static label placement, so that labels never overlap without the
       script too (assets/map.js places them again for the screen and the
       zoom, the same way). Labels are 12 map units high (edition.css). In
       rank order (most-mentioned first) each label takes the first of
       eight positions around its dot that stays inside the map and
       overlaps no label placed before and no other dot; a label with none
       is not shown (class "unplaced"; its dot keeps the name as link text).
       Widths are estimated from the letters, generously, since the font is
       the reader's. Returns id → [x, y] of the text's baseline start. -->
  <xsl:variable name="ed:label-font" as="xs:double" select="12"/>
  <xsl:variable name="ed:label-pad" as="xs:double" select="2"/>

  <xsl:function name="ed:place-labels" as="map(xs:string, array(xs:double))">
    <xsl:param name="dots" as="map(*)*"/>
    <xsl:variable name="dot-boxes" select="$dots ! map{ 'id': ?id, 'box': ed:dot-box(.) }"/>
    <xsl:iterate select="$dots">
      <xsl:param name="placed" as="array(xs:double)*" select="()"/>
      <xsl:param name="chosen" as="map(xs:string, array(xs:double))" select="map{}"/>
      <xsl:on-completion select="$chosen"/>
      <xsl:variable name="id" select="?id"/>
      <xsl:variable name="obstacles" select="($placed, $dot-boxes[?id ne $id] ! ?box)"/>
      <xsl:variable name="free" select="ed:label-candidates(.)[
          let $box := ed:label-box(.) return ed:inside-map($box) and empty($obstacles[ed:overlap(., $box)])][1]"/>
      <xsl:next-iteration>
        <xsl:with-param name="placed" select="($placed, $free ! ed:label-box(.))"/>
        <xsl:with-param name="chosen" select="if (exists($free)) then map:put($chosen, $id, [$free(1), $free(2)]) else $chosen"/>
      </xsl:next-iteration>
    </xsl:iterate>
  </xsl:function>

  <!-- The eight positions of a label around its dot, as [x, y, width]. -->
  <xsl:function name="ed:label-candidates" as="array(xs:double)*">
    <xsl:param name="dot" as="map(*)"/>
    <xsl:variable name="f" select="$ed:label-font"/>
    <xsl:variable name="w" select="ed:label-width($dot?name)"/>
    <xsl:variable name="gap" select="max((3.5, $dot?r)) + 3"/>
    <xsl:variable name="up" select="0.8 * $f"/>
    <xsl:variable name="down" select="0.25 * $f"/>
    <xsl:variable name="x" select="$dot?x"/>
    <xsl:variable name="y" select="$dot?y"/>
    <xsl:sequence select="(
        [$x + $gap, $y + 0.35 * $f, $w],
        [$x - $gap - $w, $y + 0.35 * $f, $w],
        [$x - $w div 2, $y - $gap - $down, $w],
        [$x - $w div 2, $y + $gap + $up, $w],
        [$x + $gap * 0.7, $y - $gap * 0.7 - $down, $w],
        [$x + $gap * 0.7, $y + $gap * 0.7 + $up, $w],
        [$x - $gap * 0.7 - $w, $y - $gap * 0.7 - $down, $w],
        [$x - $gap * 0.7 - $w, $y + $gap * 0.7 + $up, $w]) ! [round(.(1) * 10) div 10, round(.(2) * 10) div 10, .(3)]"/>
  </xsl:function>

  <!-- left, top, right, bottom of a label at [x, y, width], padded. -->
  <xsl:function name="ed:label-box" as="array(xs:double)">
    <xsl:param name="at" as="array(xs:double)"/>
    <xsl:sequence select="[$at(1) - $ed:label-pad, $at(2) - 0.8 * $ed:label-font - $ed:label-pad,
        $at(1) + $at(3) + $ed:label-pad, $at(2) + 0.25 * $ed:label-font + $ed:label-pad]"/>
  </xsl:function>

  <xsl:function name="ed:dot-box" as="array(xs:double)">
    <xsl:param name="dot" as="map(*)"/>
    <xsl:variable name="r" select="max((3.5, $dot?r)) + 1 + $ed:label-pad"/>
    <xsl:sequence select="[$dot?x - $r, $dot?y - $r, $dot?x + $r, $dot?y + $r]"/>
  </xsl:function>

  <xsl:function name="ed:overlap" as="xs:boolean">
    <xsl:param name="a" as="array(xs:double)"/>
    <xsl:param name="b" as="array(xs:double)"/>
    <xsl:sequence select="$a(1) lt $b(3) and $b(1) lt $a(3) and $a(2) lt $b(4) and $b(2) lt $a(4)"/>
  </xsl:function>

  <xsl:function name="ed:inside-map" as="xs:boolean">
    <xsl:param name="box" as="array(xs:double)"/>
    <xsl:sequence select="$box(1) ge 0 and $box(2) ge 0 and $box(3) le $ed:map-width and $box(4) le $ed:map-height"/>
  </xsl:function>

  <!-- A label's width in map units, estimated per letter in ems of a
       sans-serif face (capitals and m/w wide, i/l/t/f/r and spaces narrow),
       with a tenth to spare. -->
  <xsl:function name="ed:label-width" as="xs:double">
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="ems" select="sum(string-to-codepoints($name) ! codepoints-to-string(.) ! (
        if (matches(., '[mwMW]')) then 0.9
        else if (matches(., '[iıjlIt.,:;!| ’''-]')) then 0.32
        else if (matches(., '\p{Lu}')) then 0.72
        else if (matches(., '[frİ()]')) then 0.42
        else 0.6))"/>
    <xsl:sequence select="round($ems * $ed:label-font * 1.1 * 10) div 10"/>
  </xsl:function>

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
