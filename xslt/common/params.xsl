<?xml version="1.0" encoding="UTF-8"?>
<!-- Parameters shared by every output format. Python (edition.render) sets
     them; the defaults here give a deterministic build: nothing depends on the
     clock, the machine or the order files were listed in.

     A project's own stylesheet (xslt/html/html.xsl or xslt/text/text.xsl in
     the project) customises by import and override, like the TEI Stylesheets:

       <xsl:param name="shipped-xslt" static="yes" as="xs:string"/>
       <xsl:import _href="{$shipped-xslt}html/html.xsl"/>
       <xsl:template match="tei:persName" mode="ed:html">…</xsl:template>

     edition.render supplies the static parameter shipped-xslt (the URI of the
     shipped xslt/ folder, ending in "/") when it compiles any stylesheet; the
     shipped stylesheets themselves do not declare it. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:render"
    exclude-result-prefixes="#all">

  <!-- tei/registers.xml, or an empty array when the project has none yet:
       pages then render without register entries and popups. -->
  <xsl:param name="registers-document" as="array(document-node())" select="[]"/>

  <!-- The document being rendered (the same node as the templates' $doc
       parameter), or an empty array for the site pages. Global so that the
       page language and labels can follow the document. -->
  <xsl:param name="document" as="array(document-node())" select="[]"/>

  <!-- The name of the document's pages (<id>.html): its xml:id, or the file
       name when that is missing or unusable; '' for the site pages. -->
  <xsl:param name="document-id" as="xs:string" select="''"/>

  <!-- Language of the interface strings of the site pages (labels.xml):
       'tr' or 'en'. A text's own page uses the text's language when
       labels.xml has it, else English. -->
  <xsl:param name="ui-lang" as="xs:string" select="'tr'"/>

  <!-- Name of the site in the header, page titles and index. Empty: a text's
       page is named by the text's title, the site pages by the label
       'edition-title'. -->
  <xsl:param name="site-title" as="xs:string" select="''"/>

  <!-- Which reading of choice, app and subst is the running text:
       'edited' (corr, expan, reg; lem; add) or 'diplomatic' (sic, abbr, orig;
       lem; del and add). The other reading stays reachable (a tooltip in
       HTML; brackets in the text edition with $variants). -->
  <xsl:param name="choice-reading" as="xs:string" select="'edited'"/>

  <!-- app: the siglum of a witness (without '#') whose reading replaces the
       lemma; empty: the lemma (or the first reading if there is none). -->
  <xsl:param name="witness" as="xs:string" select="''"/>

  <xsl:variable name="ed:registers" as="document-node()?" select="$registers-document?*[1]"/>
  <xsl:variable name="ed:document" as="document-node()?" select="$document?*[1]"/>
</xsl:stylesheet>
