<?xml version="1.0" encoding="UTF-8"?>
<!-- Entry stylesheet of the plain-text edition (output/text/<id>.txt): the
     clean reading text of an article. edition.render calls ed:text-edition
     with the document and writes the string it returns.
     Layout: title block, abstracts, numbered headings, paragraphs as running
     text wrapped at $width, notes as [N] with the notes after the text (or
     after each top-level section), optional [s. N] page markers. Entities and
     dates are plain text. -->
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

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="ed:nl" as="xs:string" select="'&#10;'"/>

  <!-- The whole edition as one string: blocks separated by a blank line. -->
  <xsl:template name="ed:text-edition" as="xs:string">
    <xsl:param name="doc" as="document-node()" required="yes"/>
    <xsl:variable name="text" select="$doc/tei:TEI/tei:text"/>
    <xsl:variable name="blocks" as="xs:string*">
      <xsl:apply-templates select="$text/tei:front" mode="ed:text"/>
      <xsl:if test="$notes = 'section'">
        <xsl:sequence select="ed:notes-block($text/tei:front//tei:note, ())"/>
      </xsl:if>
      <xsl:apply-templates select="$text/tei:body/node(), $text/tei:back/node()" mode="ed:text"/>
      <xsl:if test="$notes = 'end'">
        <xsl:sequence select="ed:notes-block($text//tei:note, ed:label('notes'))"/>
      </xsl:if>
    </xsl:variable>
    <xsl:sequence select="string-join($blocks[normalize-space()], $ed:nl || $ed:nl) || $ed:nl"/>
  </xsl:template>

  <xsl:template match="tei:front" mode="ed:text">
    <xsl:variable name="title" select="string-join(tei:docTitle/tei:titlePart[not(@type = 'sub')] ! ed:inline(.), ' ')"/>
    <xsl:variable name="title" select="if ($title ne '') then $title else ed:title(.)"/>
    <xsl:sequence select="string-join((
        ed:wrap($title, '', ''),
        string-join((1 to min((string-length($title), if ($width gt 0) then $width else 1000))) ! '='),
        tei:docTitle/tei:titlePart[@type = 'sub'] ! ed:wrap(ed:inline(.), '', '')), $ed:nl)"/>
    <xsl:variable name="authors" select="tei:docAuthor ! ed:inline(.)"/>
    <xsl:sequence select="if (exists($authors)) then ed:wrap(string-join($authors, '; '), '', '') else string-join(ed:authors(.), '; ')"/>
    <xsl:if test="$page-markers"><xsl:sequence select="tei:pb[not(preceding-sibling::tei:docTitle)] ! ed:page-marker(.)"/></xsl:if>
    <xsl:apply-templates select="tei:div | tei:pb[preceding-sibling::tei:docTitle]" mode="ed:text"/>
  </xsl:template>

  <xsl:template match="tei:div" mode="ed:text">
    <xsl:apply-templates mode="ed:text"/>
    <xsl:if test="$notes = 'section' and parent::tei:body">
      <xsl:sequence select="ed:notes-block(.//tei:note, ())"/>
    </xsl:if>
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

  <xsl:template match="tei:quote" mode="ed:text">
    <xsl:sequence select="string-join((if (tei:p) then tei:p else .) ! ed:wrap(ed:inline(.), '    ', '    '), $ed:nl || $ed:nl)"/>
  </xsl:template>

  <xsl:template match="tei:list[@type = 'keywords']" mode="ed:text">
    <xsl:sequence select="ed:wrap(string-join((tei:head ! ed:inline(.), string-join(tei:item ! ed:inline(.), ', ')), ' '), '', '    ')"/>
  </xsl:template>

  <xsl:template match="tei:list" mode="ed:text">
    <xsl:sequence select="string-join(tei:item ! (
        let $label := (preceding-sibling::*[1][self::tei:label] ! ed:inline(.), '-')[1]
        return ed:wrap($label || ' ' || ed:inline(.), '', string-join((1 to string-length($label) + 1) ! ' '))), $ed:nl)"/>
  </xsl:template>

  <xsl:template match="tei:pb" mode="ed:text">
    <xsl:if test="$page-markers"><xsl:sequence select="ed:page-marker(.)"/></xsl:if>
  </xsl:template>

  <xsl:template match="tei:fw | tei:label | text()" mode="ed:text"/>

  <xsl:template match="*" mode="ed:text">
    <xsl:sequence select="ed:wrap(ed:inline(.), '', '')"/>
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
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$block/node()" mode="ed:inline"/>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join($parts, ''))"/>
  </xsl:function>

  <xsl:template match="text()" mode="ed:inline"><xsl:sequence select="string(.)"/></xsl:template>
  <xsl:template match="tei:note" mode="ed:inline"><xsl:sequence select="'[' || ed:note-label(.) || ']'"/></xsl:template>
  <xsl:template match="tei:pb" mode="ed:inline">
    <xsl:sequence select="if ($page-markers) then ' ' || ed:page-marker(.) || ' ' else ''"/>
  </xsl:template>
  <xsl:template match="tei:fw" mode="ed:inline"/>
  <xsl:template match="tei:lb" mode="ed:inline"><xsl:sequence select="' '"/></xsl:template>
  <xsl:template match="tei:list | tei:p | tei:quote[tei:p]" mode="ed:inline">
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
