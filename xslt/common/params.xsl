<?xml version="1.0" encoding="UTF-8"?>
<!-- Parameters shared by every output format. Python (edition.render) sets
     them; the defaults here give a deterministic build: nothing depends on the
     clock, the machine or the order files were listed in. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-edition:render"
    exclude-result-prefixes="#all">

  <!-- tei/registers.xml, or an empty array when the project has none yet:
       pages then render without register entries and popups. -->
  <xsl:param name="registers-document" as="array(document-node())" select="[]"/>

  <!-- Language of the interface strings (labels.xml): 'tr' or 'en'. -->
  <xsl:param name="ui-lang" as="xs:string" select="'tr'"/>

  <xsl:variable name="ed:registers" as="document-node()?" select="$registers-document?*[1]"/>
</xsl:stylesheet>
