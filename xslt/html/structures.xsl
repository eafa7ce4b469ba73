<?xml version="1.0" encoding="UTF-8"?>
<!-- TEI this project did not write: every element reaches the page (a
     generic rule keeps any element's text, as a span or div with the class
     "tei-<name>", its xml:lang and @rend), and the structures of editions of
     verse, drama, letters, manuscripts and critical apparatus render as a
     reader expects. Which reading of choice/app/subst is shown is decided in
     common/functions.xsl (ed:choice-shown, ed:app-shown); here only how. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:render"
    exclude-result-prefixes="#all">

  <!-- Any element without a rule of its own: a block (div) or words (span)
       named by its TEI name, with all its content. -->
  <xsl:template match="*" mode="ed:html">
    <xsl:call-template name="ed:box">
      <xsl:with-param name="name" select="if (ed:is-block(.)) then 'div' else 'span'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- An HTML element for the current TEI element: $name, or a span when
       the place allows only phrasing content (a block inside a paragraph,
       shown as a block by CSS); class "tei-<name>" and the element's
       xml:lang and @rend. -->
  <xsl:template name="ed:box">
    <xsl:param name="name" as="xs:string" select="'div'"/>
    <xsl:param name="class" as="xs:string" select="'tei-' || local-name()"/>
    <xsl:param name="id" as="xs:string?" select="()"/>
    <xsl:param name="content" as="node()*">
      <xsl:choose>
        <!-- Fields (see ed:is-fields): a space between them. -->
        <xsl:when test="ed:is-fields(.)">
          <xsl:for-each select="node()[not(self::text())] | text()[normalize-space()]">
            <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
            <xsl:apply-templates select="." mode="ed:html"/>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates mode="ed:html"/></xsl:otherwise>
      </xsl:choose>
    </xsl:param>
    <xsl:variable name="phrasing" select="$name = ('div', 'p', 'blockquote') and ed:in-phrasing(.)"/>
    <xsl:element name="{if ($phrasing) then 'span' else $name}">
      <xsl:attribute name="class" select="string-join(($class, 'block'[$phrasing], @rend ! ed:rend-classes(.)), ' ')"/>
      <xsl:if test="exists($id)"><xsl:attribute name="id" select="$id"/></xsl:if>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="ed:bcp47(@xml:lang)"/></xsl:if>
      <xsl:sequence select="$content"/>
    </xsl:element>
  </xsl:template>

  <!-- Is the element inside something rendered as phrasing content (a
       paragraph, a heading, a verse line, highlighted words), within its own
       note if it is in one (a note's content is rendered in the notes list)? -->
  <xsl:function name="ed:in-phrasing" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="scope" select="$element/ancestor::* except $element/ancestor::tei:note[1]/ancestor-or-self::*"/>
    <xsl:sequence select="exists($scope[not(ed:is-block(.)) or self::tei:head or self::tei:l or self::tei:speaker or self::tei:label
        or ((self::tei:p or self::tei:ab) and empty(*[ed:is-block(.)]))])"/>
  </xsl:function>

  <!-- @rend as class names: "italic small-caps" → "rend-italic rend-small-caps". -->
  <xsl:function name="ed:rend-classes" as="xs:string">
    <xsl:param name="rend" as="xs:string"/>
    <xsl:sequence select="string-join(tokenize(normalize-space(replace($rend, '[^\p{L}\p{N}_ -]', ' '))) ! ('rend-' || .), ' ')"/>
  </xsl:function>

  <!-- Verse lines, anonymous blocks: one block each, with an id for search. -->
  <xsl:template match="tei:l" mode="ed:html">
    <xsl:call-template name="ed:box">
      <xsl:with-param name="class" select="'l'"/>
      <xsl:with-param name="id" select="ed:block-anchor(.)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:ab" mode="ed:html">
    <xsl:call-template name="ed:box">
      <xsl:with-param name="name" select="if (*[ed:is-block(.)]) then 'div' else 'p'"/>
      <xsl:with-param name="class" select="'ab'"/>
      <xsl:with-param name="id" select="ed:block-anchor(.)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Tables: rows and cells (role="label" a header cell; @cols, @rows
       spans); anything else inside a table gets a row of its own. -->
  <xsl:template match="tei:table" mode="ed:html">
    <xsl:apply-templates select="tei:head" mode="ed:html"/>
    <table class="tei-table">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="ed:bcp47(@xml:lang)"/></xsl:if>
      <tbody>
        <xsl:for-each select="* except tei:head">
          <xsl:choose>
            <xsl:when test="self::tei:row">
              <tr>
                <xsl:for-each select="*">
                  <xsl:element name="{if (@role = 'label' or ../@role = 'label') then 'th' else 'td'}">
                    <xsl:if test="self::tei:cell[@cols castable as xs:positiveInteger]"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
                    <xsl:if test="self::tei:cell[@rows castable as xs:positiveInteger]"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
                    <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="ed:bcp47(@xml:lang)"/></xsl:if>
                    <xsl:apply-templates select="if (self::tei:cell) then node() else ." mode="ed:html"/>
                  </xsl:element>
                </xsl:for-each>
              </tr>
            </xsl:when>
            <xsl:otherwise><tr class="table-{local-name()}"><td><xsl:apply-templates select="." mode="ed:html"/></td></tr></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- An image of the source is not copied or fetched (the site loads
       nothing from elsewhere): a web address becomes a link. -->
  <xsl:template match="tei:graphic | tei:media" mode="ed:html">
    <xsl:variable name="url" select="normalize-space(@url)"/>
    <xsl:choose>
      <xsl:when test="ed:is-web-url($url) and not(ed:in-link(.))">
        <a class="graphic" href="{$url}">[<xsl:value-of select="ed:label('figure')"/>]</a>
      </xsl:when>
      <xsl:otherwise>
        <span class="graphic" title="{$url}">[<xsl:value-of select="ed:label('figure')"/>]</span>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:apply-templates mode="ed:html"/>
  </xsl:template>

  <!-- A choice shows one reading; the others are the tooltip. -->
  <xsl:template match="tei:choice" mode="ed:html">
    <xsl:variable name="shown" select="ed:choice-shown(.)"/>
    <span class="choice">
      <xsl:call-template name="ed:other-readings"><xsl:with-param name="readings" select="* except $shown"/></xsl:call-template>
      <xsl:apply-templates select="$shown" mode="ed:html"/>
    </span>
  </xsl:template>

  <!-- An apparatus entry shows the lemma (or the reading of $witness); the
       other readings, with their witnesses, are the tooltip. Notes of the
       entry keep their markers. -->
  <xsl:template match="tei:app" mode="ed:html">
    <xsl:variable name="app" select="."/>
    <xsl:variable name="shown" select="ed:app-shown(.)"/>
    <span class="app">
      <xsl:call-template name="ed:other-readings">
        <xsl:with-param name="readings" select=".//(tei:lem | tei:rdg)[ancestor::tei:app[1] is $app] except $shown"/>
      </xsl:call-template>
      <xsl:apply-templates select="$shown/node(), tei:note" mode="ed:html"/>
    </span>
  </xsl:template>

  <xsl:template name="ed:other-readings">
    <xsl:param name="readings" as="element()*"/>
    <xsl:if test="exists($readings)">
      <xsl:attribute name="title" select="ed:label('other-reading') || ': ' || string-join($readings ! (string-join((@wit ! normalize-space(.), (ed:plain(.)[. ne ''], '∅')[1]), ' ')), ' | ')"/>
    </xsl:if>
  </xsl:template>

  <!-- Substitution: the edited reading shows what was added (the deletion is
       the tooltip); the diplomatic one shows both, struck and inserted. -->
  <xsl:template match="tei:subst" mode="ed:html">
    <span class="subst">
      <xsl:if test="$choice-reading = 'edited'">
        <xsl:call-template name="ed:other-readings"><xsl:with-param name="readings" select="tei:del"/></xsl:call-template>
      </xsl:if>
      <!-- Whitespace between its add and del is layout, not a space in the word. -->
      <xsl:apply-templates select="(if ($choice-reading = 'edited') then node() except tei:del else node())[not(self::text()) or normalize-space()]" mode="ed:html"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:add" mode="ed:html">
    <xsl:call-template name="ed:box">
      <xsl:with-param name="name" select="if ($choice-reading = 'diplomatic') then 'ins' else 'span'"/>
      <xsl:with-param name="class" select="'add'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A deletion outside a substitution is shown struck through, in both
       readings: the reader sees it was deleted (the text edition leaves it
       out of the edited reading). -->
  <xsl:template match="tei:del" mode="ed:html">
    <del class="del" title="{ed:label('deleted')}"><xsl:apply-templates mode="ed:html"/></del>
  </xsl:template>

  <xsl:template match="tei:gap" mode="ed:html">
    <span class="gap" title="{string-join((ed:label('gap'), @reason, @agent, string-join((@quantity, @extent, @unit), ' ')[. ne '']) ! normalize-space()[. ne ''], ', ')}">[…<xsl:apply-templates mode="ed:html"/>]</span>
  </xsl:template>

  <xsl:template match="tei:unclear" mode="ed:html">
    <span class="unclear" title="{string-join((ed:label('unclear'), @reason ! normalize-space()), ', ')}"><xsl:apply-templates mode="ed:html"/></span>
  </xsl:template>

  <xsl:template match="tei:supplied" mode="ed:html">
    <span class="supplied" title="{ed:label('supplied')}">[<xsl:apply-templates mode="ed:html"/>]</span>
  </xsl:template>

  <xsl:template match="tei:foreign | tei:emph" mode="ed:html">
    <xsl:call-template name="ed:box">
      <xsl:with-param name="name" select="if (self::tei:emph) then 'em' else 'i'"/>
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Links: only web addresses become href, and never inside another link. -->
  <xsl:template match="tei:ref | tei:ptr" mode="ed:html">
    <xsl:variable name="target" select="normalize-space(@target)"/>
    <xsl:variable name="text" as="node()*">
      <xsl:apply-templates mode="ed:html"/>
      <xsl:if test="self::tei:ptr"><xsl:value-of select="$target"/></xsl:if>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="ed:is-web-url($target) and not(ed:in-link(.))"><a class="ref" href="{$target}"><xsl:sequence select="$text"/></a></xsl:when>
      <xsl:otherwise><span class="ref"><xsl:sequence select="$text"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Would an HTML link here be inside another one? -->
  <xsl:function name="ed:in-link" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node/ancestor::*[self::tei:ref or self::tei:ptr][ed:is-web-url(@target)])
        or exists($node/ancestor::*[self::tei:persName or self::tei:placeName or self::tei:orgName][ed:entity-href(.) ne ''])
        or ed:inside-link($node)"/>
  </xsl:function>

  <!-- Lists of persons, places, organisations, works, events (in back or
       standOff): one item per entry, its id kept ("id-" before it) so that
       @ref="#id" in the text links to it. -->
  <xsl:template match="tei:listPerson | tei:listPlace | tei:listOrg | tei:listBibl | tei:listEvent | tei:listNym
                       | tei:listRelation | tei:listObject" mode="ed:html">
    <xsl:call-template name="ed:box">
      <xsl:with-param name="content">
        <xsl:apply-templates select="tei:head" mode="ed:html"/>
        <xsl:if test="* except tei:head">
          <ul class="entries">
            <xsl:for-each select="* except tei:head">
              <li>
                <xsl:if test="@xml:id"><xsl:attribute name="id" select="'id-' || @xml:id"/></xsl:if>
                <xsl:apply-templates select="." mode="ed:html"/>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A text inside a group or floatingText: its front, body and back. -->
  <xsl:template match="tei:text" mode="ed:html">
    <xsl:call-template name="ed:box"/>
  </xsl:template>

  <!-- A label among words ("<head><label>Ex. 3</label>SCHUBERT…") is set off. -->
  <xsl:template match="tei:label[../text()[normalize-space()]]" mode="ed:html" priority="0.4">
    <span class="tei-label"><xsl:apply-templates mode="ed:html"/></span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- Space left in the source is a space. -->
  <xsl:template match="tei:space" mode="ed:html"><xsl:text> </xsl:text></xsl:template>

  <!-- Pointers without text of their own. -->
  <xsl:template match="tei:anchor | tei:milestone | tei:link | tei:linkGrp | tei:join | tei:joinGrp
                       | tei:alt | tei:altGrp" mode="ed:html"/>
</xsl:stylesheet>
