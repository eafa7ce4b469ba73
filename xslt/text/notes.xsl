<?xml version="1.0" encoding="UTF-8"?>
<!-- Notes of the text edition: "[N] text", wrapped with a hanging indent,
     paragraphs of a note as indented continuation paragraphs. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:render"
    exclude-result-prefixes="#all">

  <xsl:function name="ed:notes-block" as="xs:string?">
    <xsl:param name="notes" as="element(tei:note)*"/>
    <xsl:param name="head" as="xs:string?"/>
    <xsl:if test="exists($notes)">
      <xsl:sequence select="string-join((
          $head ! (. || $ed:nl || string-join((1 to string-length(.)) ! '-')),
          string-join($notes ! ed:note(.), $ed:nl)), $ed:nl || $ed:nl)"/>
    </xsl:if>
  </xsl:function>

  <xsl:function name="ed:note" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="marker" select="'[' || ed:note-label($note) || '] '"/>
    <xsl:variable name="hang" select="string-join((1 to string-length($marker)) ! ' ')"/>
    <xsl:variable name="paragraphs" select="if ($note/tei:p) then $note/tei:p ! ed:inline(.) else ed:inline($note)"/>
    <xsl:sequence select="string-join((
        ed:wrap($marker || $paragraphs[1], '', $hang),
        subsequence($paragraphs, 2) ! ed:wrap(., $hang, $hang)), $ed:nl)"/>
  </xsl:function>
</xsl:stylesheet>
