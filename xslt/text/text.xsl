<?xml version="1.0" encoding="UTF-8"?>
<!-- Entry stylesheet of the plain-text edition (output/text/<id>.txt): the
     clean reading text of an article. edition.render calls ed:text-edition
     with the document and writes the string it returns.
     Layout: title block, abstracts, numbered headings, paragraphs as running
     text wrapped at $width, notes as [N] with the notes after the text (or
     after each top-level section), optional [s. N] page markers. Entities and
     dates are plain text.
     TEI from elsewhere: every element's text is kept (an element that holds
     blocks is its blocks, any other is running text); verse lines and table
     rows are lines of their own (cells separated by " | "); choice, app and
     subst give the reading of $choice-reading ($variants adds the others in
     brackets); gap is "[…]", supplied "[text]"; a word broken by
     <lb break="no"/> is one word.
     Parameters (set by edition.render; documented where declared): in
     common/params.xsl registers-document, document, document-id, ui-lang,
     site-title, choice-reading, witness; here width, page-markers, notes,
     variants. A project customises by importing this file (see
     common/params.xsl). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:render"
    exclude-result-prefixes="#all">

  <xsl:import href="../common/params.xsl"/>
  <xsl:import href="../common/functions.xsl"/>
  <xsl:include href="notes.xsl"/>

  <!-- Wrap paragraphs at this many characters; 0 keeps each paragraph on one line. -->
  <xsl:param name="width" as="xs:integer" select="72"/>
  <!-- Mark where each page of the source begins: "[s. 5]". -->
  <xsl:param name="page-markers" as="xs:boolean" select="false()"/>
  <!-- 'end': all notes after the text; 'section': after each top-level section. -->
  <xsl:param name="notes" as="xs:string" select="'end'"/>
  <!-- The readings not shown (the other branch of a choice, the other
       readings of an app, a deletion) follow in brackets: "Doctor [Dr.]". -->
  <xsl:param name="variants" as="xs:boolean" select="false()"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="ed:nl" as="xs:string" select="'&#10;'"/>

  <!-- The whole edition as one string: blocks separated by a blank line. -->
  <xsl:template name="ed:text-edition" as="xs:string">
    <xsl:param name="doc" as="document-node()" required="yes"/>
    <xsl:variable name="texts" select="ed:texts($doc)"/>
    <xsl:variable name="front" select="$texts[1][count($texts) = 1]/tei:front[tei:docTitle]"/>
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:choose>
        <xsl:when test="exists($front)"><xsl:apply-templates select="$front" mode="ed:text"/></xsl:when>
        <xsl:otherwise><xsl:sequence select="ed:title-lines($doc)"/></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$notes = 'section'">
        <xsl:sequence select="ed:notes-block($front//tei:note, ())"/>
      </xsl:if>
      <xsl:for-each select="$texts">
        <xsl:if test="count($texts) gt 1">
          <xsl:sequence select="ed:underlined((../tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title ! normalize-space()[. ne ''], ed:label('untitled'))[1], '-')"/>
        </xsl:if>
        <xsl:apply-templates select="* except $front" mode="ed:text"/>
      </xsl:for-each>
      <xsl:apply-templates select="$doc/*/tei:standOff" mode="ed:text"/>
      <xsl:if test="$notes = 'end'">
        <xsl:sequence select="ed:notes-block($doc//tei:note[not(ancestor::tei:teiHeader)], ed:label('notes'))"/>
      </xsl:if>
    </xsl:variable>
    <xsl:sequence select="string-join($blocks[normalize-space()], $ed:nl || $ed:nl) || $ed:nl"/>
  </xsl:template>

  <!-- Title and authors from the header, for a text whose front does not
       give them as this project's texts do. -->
  <xsl:function name="ed:title-lines" as="xs:string*">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:sequence select="string-join((ed:underlined(ed:title($doc), '='), ed:subtitle($doc) ! ed:wrap(., '', '')), $ed:nl)"/>
    <xsl:sequence select="string-join(ed:authors($doc), '; ')"/>
  </xsl:function>

  <xsl:function name="ed:underlined" as="xs:string">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="rule" as="xs:string"/>
    <xsl:variable name="wrapped" select="ed:wrap($title, '', '')"/>
    <xsl:sequence select="$wrapped || $ed:nl || string-join((1 to min((max(tokenize($wrapped, $ed:nl) ! string-length(.)), if ($width gt 0) then $width else 1000))) ! $rule)"/>
  </xsl:function>

  <xsl:template match="tei:front[tei:docTitle]" mode="ed:text">
    <xsl:variable name="title" select="string-join(tei:docTitle/tei:titlePart[not(@type = 'sub')] ! ed:inline(.), ' ')"/>
    <xsl:variable name="title" select="if ($title ne '') then $title else ed:title(.)"/>
    <xsl:sequence select="string-join((
        ed:wrap($title, '', ''),
        string-join((1 to min((string-length($title), if ($width gt 0) then $width else 1000))) ! '='),
        tei:docTitle/tei:titlePart[@type = 'sub'] ! ed:wrap(ed:inline(.), '', '')), $ed:nl)"/>
    <xsl:variable name="authors" select="tei:docAuthor ! ed:inline(.)"/>
    <xsl:sequence select="if (exists($authors)) then ed:wrap(string-join($authors, '; '), '', '') else string-join(ed:authors(.), '; ')"/>
    <xsl:if test="$page-markers"><xsl:sequence select="tei:pb[not(preceding-sibling::tei:docTitle)] ! ed:page-marker(.)"/></xsl:if>
    <xsl:apply-templates select="* except (tei:docTitle | tei:docAuthor | tei:pb[not(preceding-sibling::tei:docTitle)])" mode="ed:text"/>
  </xsl:template>

  <xsl:template match="tei:div" mode="ed:text">
    <xsl:call-template name="ed:blocks"/>
    <xsl:if test="$notes = 'section' and parent::tei:body">
      <xsl:sequence select="ed:notes-block(.//tei:note, ())"/>
    </xsl:if>
  </xsl:template>

  <!-- Any element at the level of blocks: its block children in turn, and
       each run of other content between them (words, highlights, a stray
       text node) as one paragraph, so no text is lost. -->
  <xsl:template match="*" mode="ed:text" name="ed:blocks">
    <xsl:for-each-group select="node()" group-adjacent="ed:is-block(.)">
      <xsl:choose>
        <xsl:when test="current-grouping-key()"><xsl:apply-templates select="current-group()" mode="ed:text"/></xsl:when>
        <!-- Fields (see ed:is-fields) apart, running text as it comes. -->
        <xsl:when test="ed:is-fields(..)">
          <xsl:sequence select="ed:wrap(normalize-space(string-join(current-group() ! ed:inline-of(.), ' ')), '', '')"/>
        </xsl:when>
        <xsl:otherwise><xsl:sequence select="ed:wrap(ed:inline-of(current-group()), '', '')"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each-group>
  </xsl:template>

  <!-- Verse: one line per l (stanzas apart); drama: the speaker's name on a
       line, the speech below; a table: one line per row, cells " | ". -->
  <xsl:template match="tei:lg | tei:sp" mode="ed:text">
    <xsl:variable name="blocks" as="xs:string*"><xsl:call-template name="ed:blocks"/></xsl:variable>
    <xsl:sequence select="string-join($blocks[normalize-space()], if (tei:lg) then $ed:nl || $ed:nl else $ed:nl)"/>
  </xsl:template>

  <xsl:template match="tei:table" mode="ed:text">
    <xsl:sequence select="string-join((tei:head ! ed:wrap(ed:inline(.), '', ''),
        (* except tei:head) ! (if (self::tei:row) then ed:wrap(string-join(* ! ed:inline(.), ' | '), '', '    ') else ed:wrap(ed:inline(.), '', ''))
      )[normalize-space()], $ed:nl)"/>
  </xsl:template>

  <!-- A top-level heading is underlined so the sections stand out in a
       plain-text reader; deeper ones are set off by blank lines only. -->
  <xsl:template match="tei:head" mode="ed:text">
    <xsl:variable name="head" select="ed:wrap(ed:inline(.), '', '')"/>
    <xsl:sequence select="if (parent::tei:div/parent::tei:body and not(@type = 'title'))
        then $head || $ed:nl || string-join((1 to min((max(tokenize($head, $ed:nl) ! string-length(.)), 200))) ! '-')
        else $head"/>
  </xsl:template>

  <xsl:template match="tei:p" mode="ed:text">
    <xsl:sequence select="ed:wrap(ed:inline(.), '', '')"/>
  </xsl:template>

  <!-- A block quotation, indented; one of paragraphs only is wrapped to fit
       the width with its indent, any other has its lines indented. -->
  <xsl:template match="tei:quote[* and empty(* except tei:p)]" mode="ed:text">
    <xsl:sequence select="string-join(tei:p ! ed:wrap(ed:inline(.), '    ', '    '), $ed:nl || $ed:nl)"/>
  </xsl:template>

  <xsl:template match="tei:quote[*[ed:is-block(.)]] | tei:q[*[ed:is-block(.)]]" mode="ed:text" priority="-0.1">
    <xsl:variable name="blocks" as="xs:string*"><xsl:call-template name="ed:blocks"/></xsl:variable>
    <xsl:sequence select="string-join($blocks[normalize-space()] ! string-join(tokenize(., $ed:nl) ! ('    ' || .), $ed:nl), $ed:nl || $ed:nl)"/>
  </xsl:template>

  <xsl:template match="tei:list[@type = 'keywords']" mode="ed:text">
    <xsl:sequence select="ed:wrap(string-join((tei:head ! ed:inline(.), string-join(tei:item ! ed:inline(.), ', ')), ' '), '', '    ')"/>
  </xsl:template>

  <xsl:template match="tei:list" mode="ed:text">
    <xsl:sequence select="string-join((tei:head ! ed:wrap(ed:inline(.), '', ''),
        (* except (tei:head | tei:label[following-sibling::*[1][self::tei:item]])) ! (if (self::tei:item) then (
        let $label := (preceding-sibling::*[1][self::tei:label] ! ed:inline(.), '-')[1]
        return ed:wrap($label || ' ' || ed:inline(.), '', string-join((1 to string-length($label) + 1) ! ' ')))
        else ed:wrap(ed:inline(.), '', '')))[normalize-space()], $ed:nl)"/>
  </xsl:template>

  <xsl:template match="tei:pb" mode="ed:text">
    <xsl:if test="$page-markers"><xsl:sequence select="ed:page-marker(.)"/></xsl:if>
  </xsl:template>

  <xsl:template match="tei:fw" mode="ed:text"/>

  <xsl:template match="text()" mode="ed:text">
    <xsl:sequence select="ed:wrap(normalize-space(ed:text-of(.)), '', '')"/>
  </xsl:template>

  <xsl:function name="ed:page-marker" as="xs:string">
    <xsl:param name="pb" as="element(tei:pb)"/>
    <xsl:sequence select="'[' || ed:label('page') || ' ' || normalize-space($pb/@n) || ']'"/>
  </xsl:function>

  <!-- The running text of a block: notes become [N], page breaks [s. N]
       when asked (with spaces around, so no word is glued to a marker),
       everything else is its text. -->
  <xsl:function name="ed:inline" as="xs:string">
    <xsl:param name="block" as="element()"/>
    <xsl:sequence select="if (ed:is-fields($block)) then normalize-space(string-join($block/* ! ed:inline-of(.), ' '))
        else ed:inline-of($block/node())"/>
  </xsl:function>

  <xsl:function name="ed:inline-of" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$nodes" mode="ed:inline"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($parts, ''))"/>
  </xsl:function>

  <xsl:template match="text()" mode="ed:inline"><xsl:sequence select="ed:text-of(.)"/></xsl:template>
  <!-- A page that begins inside a word: the word stays whole, the marker
       follows it ("olduklarını [s. 4] bildirince", not "ol[s. 4]duklarını"). -->
  <xsl:template match="text()[$page-markers][preceding-sibling::node()[1][self::tei:pb][ed:is-word-break(.)]]" mode="ed:inline">
    <xsl:variable name="text" select="ed:text-of(.)"/>
    <xsl:variable name="rest-of-word" select="(tokenize($text, '\s')[1], '')[1]"/>
    <xsl:sequence select="$rest-of-word || ' ' || ed:page-marker(preceding-sibling::node()[1]) || substring($text, string-length($rest-of-word) + 1)"/>
  </xsl:template>
  <xsl:template match="tei:note" mode="ed:inline"><xsl:sequence select="'[' || ed:note-label(.) || ']'"/></xsl:template>
  <xsl:template match="tei:pb[ed:is-word-break(.)][following-sibling::node()[1][self::text()]]" mode="ed:inline"/>
  <xsl:template match="tei:pb" mode="ed:inline">
    <xsl:variable name="space" select="if (ed:is-word-break(.)) then '' else ' '"/>
    <xsl:sequence select="if ($page-markers) then $space || ed:page-marker(.) || $space else ''"/>
  </xsl:template>
  <xsl:template match="tei:fw | tei:anchor | tei:milestone" mode="ed:inline"/>
  <xsl:template match="tei:space" mode="ed:inline"><xsl:sequence select="' '"/></xsl:template>
  <xsl:template match="tei:lb | tei:cb" mode="ed:inline"><xsl:sequence select="if (ed:is-word-break(.)) then '' else ' '"/></xsl:template>
  <xsl:template match="tei:cell" mode="ed:inline"><xsl:sequence select="' ' || ed:inline(.) || (' |'[current()/following-sibling::*]) || ' '"/></xsl:template>

  <!-- Readings: the one shown, and with $variants the others in brackets. -->
  <xsl:template match="tei:choice" mode="ed:inline">
    <xsl:variable name="shown" select="ed:choice-shown(.)"/>
    <xsl:apply-templates select="$shown/node()" mode="ed:inline"/>
    <xsl:sequence select="ed:variants(* except $shown)"/>
  </xsl:template>
  <xsl:template match="tei:app" mode="ed:inline">
    <xsl:variable name="app" select="."/>
    <xsl:variable name="shown" select="ed:app-shown(.)"/>
    <xsl:apply-templates select="$shown/node(), tei:note" mode="ed:inline"/>
    <xsl:sequence select="ed:variants(.//(tei:lem | tei:rdg)[ancestor::tei:app[1] is $app] except $shown)"/>
  </xsl:template>
  <xsl:template match="tei:del" mode="ed:inline">
    <xsl:choose>
      <xsl:when test="$choice-reading = 'diplomatic'"><xsl:sequence select="'⟦' || ed:inline(.) || '⟧'"/></xsl:when>
      <xsl:otherwise><xsl:sequence select="ed:variants(.)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:witDetail" mode="ed:inline"/>
  <!-- Whitespace between a substitution's add and del is layout, not a space in the word. -->
  <xsl:template match="tei:subst" mode="ed:inline">
    <xsl:apply-templates select="node()[not(self::text()) or normalize-space()]" mode="ed:inline"/>
  </xsl:template>
  <xsl:template match="tei:gap" mode="ed:inline">
    <xsl:sequence select="'[…' || string-join(ed:inline(.)[. ne ''] ! (' ' || .), '') || ']'"/>
  </xsl:template>
  <!-- A label among words ("<head><label>Ex. 3</label>SCHUBERT…") is set off. -->
  <xsl:template match="tei:label" mode="ed:inline"><xsl:sequence select="ed:inline(.) || ' '"/></xsl:template>
  <xsl:template match="tei:supplied" mode="ed:inline"><xsl:sequence select="'[' || ed:inline(.) || ']'"/></xsl:template>

  <xsl:function name="ed:variants" as="xs:string">
    <xsl:param name="readings" as="element()*"/>
    <xsl:sequence select="if ($variants and exists($readings))
        then ' [' || string-join($readings ! string-join((@wit ! normalize-space(.), (ed:plain(.)[. ne ''], '∅')[1]), ' '), ' | ') || ']'
        else ''"/>
  </xsl:function>

  <!-- Blocks inside running text (a list in a paragraph, a verse line in
       a quotation) are set apart by spaces, so no words are glued. -->
  <xsl:template match="*[ed:is-block(.)]" mode="ed:inline" priority="-0.4">
    <xsl:sequence select="' ' || ed:inline(.) || ' '"/>
  </xsl:template>
  <xsl:template match="*" mode="ed:inline"><xsl:apply-templates mode="ed:inline"/></xsl:template>

  <!-- Greedy line filling at $width; a word longer than the line gets a line
       of its own rather than being cut. -->
  <xsl:function name="ed:wrap" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="first-indent" as="xs:string"/>
    <xsl:param name="indent" as="xs:string"/>
    <xsl:choose>
      <xsl:when test="$width le 0 or $text = ''">
        <xsl:sequence select="$first-indent || $text"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="lines" as="xs:string*">
          <xsl:iterate select="tokenize($text, ' ')">
            <xsl:param name="line" as="xs:string" select="$first-indent"/>
            <xsl:param name="empty" as="xs:boolean" select="true()"/>
            <xsl:on-completion><xsl:sequence select="$line"/></xsl:on-completion>
            <xsl:choose>
              <xsl:when test="$empty">
                <xsl:next-iteration>
                  <xsl:with-param name="line" select="$line || ."/>
                  <xsl:with-param name="empty" select="false()"/>
                </xsl:next-iteration>
              </xsl:when>
              <xsl:when test="string-length($line) + 1 + string-length(.) le $width">
                <xsl:next-iteration><xsl:with-param name="line" select="$line || ' ' || ."/></xsl:next-iteration>
              </xsl:when>
              <xsl:otherwise>
                <xsl:sequence select="$line"/>
                <xsl:next-iteration><xsl:with-param name="line" select="$indent || ."/></xsl:next-iteration>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:iterate>
        </xsl:variable>
        <xsl:sequence select="string-join($lines, $ed:nl)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>
</xsl:stylesheet>
