<?xml version="1.0" encoding="UTF-8"?>
<!-- Editorial decisions shared by every output format: what a note's number
     is, which register entry a name points to, how names sort in Turkish, which
     sentence a date belongs to. Formats decide only how these look. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:ed="urn:x-edition:render"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <xsl:variable name="ed:labels" as="document-node()"
      select="doc(resolve-uri('labels.xml', static-base-uri()))"/>

  <!-- The language of the page: the document's (ed:lang-of), or the site's
       interface language on the site pages. -->
  <xsl:variable name="ed:page-lang" as="xs:string"
      select="if (exists($ed:document)) then ed:lang-of($ed:document) else $ui-lang"/>

  <!-- The language of the interface strings: the page's when labels.xml has
       it (by primary subtag: 'de-AT' reads 'de'), else English. -->
  <xsl:variable name="ed:label-lang" as="xs:string"
      select="(lower-case(substring-before($ed:page-lang || '-', '-'))[. = $ed:labels/labels/label[1]/*/local-name()],
               if (exists($ed:document)) then 'en' else $ui-lang)[1]"/>

  <!-- The labels in the interface language by key, looked up in O(1): pages
       ask for a label per mention, and a search of labels.xml each time was
       a third of a register page's time. -->
  <xsl:variable name="ed:label-texts" as="map(xs:string, element()*)"
      select="map:merge($ed:labels/labels/label ! map{ string(@key): *[local-name() = $ed:label-lang] }, map{ 'duplicates': 'combine' })"/>

  <!-- A document's language: its text's xml:lang, its root's, the first
       language of its header's langUsage, a first text's; 'und'
       (undetermined, BCP 47) when it says nothing. -->
  <xsl:function name="ed:lang-of" as="xs:string">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:sequence select="(($doc/*/tei:text/@xml:lang, $doc/*/@xml:lang,
        $doc/*/tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language/@ident,
        ($doc/*//tei:TEI)[1]/(tei:text/@xml:lang, @xml:lang))[normalize-space()][1] ! ed:bcp47(.), 'und')[1]"/>
  </xsl:function>

  <!-- A language code as HTML wants it (BCP 47): TEI from elsewhere often
       uses ISO 639-2/3 codes ("eng", "ger") where BCP 47 has a two-letter
       one ("en", "de"); those are mapped, anything else is kept. -->
  <xsl:variable name="ed:iso639-2" as="map(xs:string, xs:string)" select="map{
      'ara': 'ar', 'arm': 'hy', 'hye': 'hy', 'aze': 'az', 'bul': 'bg', 'chi': 'zh', 'zho': 'zh', 'cze': 'cs',
      'ces': 'cs', 'dan': 'da', 'dut': 'nl', 'nld': 'nl', 'eng': 'en', 'est': 'et', 'fin': 'fi', 'fre': 'fr',
      'fra': 'fr', 'geo': 'ka', 'kat': 'ka', 'ger': 'de', 'deu': 'de', 'gre': 'el', 'ell': 'el', 'heb': 'he',
      'hin': 'hi', 'hrv': 'hr', 'hun': 'hu', 'ice': 'is', 'isl': 'is', 'ita': 'it', 'jpn': 'ja', 'kor': 'ko',
      'lat': 'la', 'lav': 'lv', 'lit': 'lt', 'nor': 'no', 'per': 'fa', 'fas': 'fa', 'pol': 'pl', 'por': 'pt',
      'rum': 'ro', 'ron': 'ro', 'rus': 'ru', 'san': 'sa', 'slo': 'sk', 'slk': 'sk', 'slv': 'sl', 'spa': 'es',
      'srp': 'sr', 'swe': 'sv', 'tur': 'tr', 'ukr': 'uk', 'urd': 'ur', 'wel': 'cy', 'cym': 'cy', 'yid': 'yi'}"/>

  <xsl:function name="ed:bcp47" as="xs:string">
    <xsl:param name="code" as="xs:string?"/>
    <xsl:variable name="code" select="normalize-space($code)"/>
    <xsl:variable name="primary" select="lower-case(substring-before($code || '-', '-'))"/>
    <xsl:sequence select="if (map:contains($ed:iso639-2, $primary)) then $ed:iso639-2($primary) || substring($code, 4) else $code"/>
  </xsl:function>

  <!-- The name of the site: the parameter, else a text's own title on its
       page, else the generic label. -->
  <xsl:function name="ed:site-title" as="xs:string">
    <xsl:sequence select="if ($site-title ne '') then $site-title
        else if (exists($ed:document)) then ed:title($ed:document)
        else ed:label('edition-title')"/>
  </xsl:function>

  <!-- A UI string in the interface language. A missing label stops the build:
       an empty string on the page would go unnoticed. -->
  <xsl:function name="ed:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:variable name="text" select="$ed:label-texts($key)"/>
    <xsl:if test="empty($text)">
      <xsl:message terminate="yes" error-code="ed:label">No label '<xsl:value-of select="$key"/>' in language '<xsl:value-of select="$ed:label-lang"/>' (xslt/common/labels.xml).</xsl:message>
    </xsl:if>
    <xsl:sequence select="string($text)"/>
  </xsl:function>

  <xsl:function name="ed:has-label" as="xs:boolean">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="exists($ed:label-texts($key))"/>
  </xsl:function>

  <!-- An entry's kind (@type: city, party …) in the page's language, or as
       the register writes it when labels.xml has no word for it. -->
  <xsl:function name="ed:kind-label" as="xs:string">
    <xsl:param name="type" as="xs:string"/>
    <xsl:sequence select="if (ed:has-label('type-' || $type)) then ed:label('type-' || $type) else $type"/>
  </xsl:function>

  <!-- Numbers counted once per document in reading order, read in O(1) with
       accumulator-before(): a note's position (ids of marker and note),
       an entity mention's position (its id, so registers link to the exact
       spot), a bibl's position, a block's position (search anchors), and the
       page the reader is on. -->
  <xsl:accumulator name="ed:note" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:note[not(ancestor::tei:teiHeader)]" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="ed:mention" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:text//(tei:persName | tei:placeName | tei:orgName | tei:date)" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="ed:bibl" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:text//tei:bibl" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="ed:block" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:text//(tei:p | tei:head | tei:item | tei:ab | tei:l)" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="ed:div" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:text//(tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7)" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="ed:page" as="xs:string" initial-value="''">
    <xsl:accumulator-rule match="tei:pb" select="string(@n)"/>
  </xsl:accumulator>

  <xsl:function name="ed:doc-id" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="if ($document-id ne '') then $document-id else string(root($node)/*/@xml:id)"/>
  </xsl:function>

  <!-- The header of the document (of the corpus, for a teiCorpus), never
       one of a biblFull or a TEI inside the corpus. -->
  <xsl:function name="ed:header" as="element(tei:teiHeader)?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="root($node)/*/tei:teiHeader[1]"/>
  </xsl:function>

  <xsl:function name="ed:title-stmt" as="element(tei:titleStmt)?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="ed:header($node)/tei:fileDesc[1]/tei:titleStmt[1]"/>
  </xsl:function>

  <!-- The texts of a document: its text, or the text of every TEI of a
       corpus (group/text and floatingText are inside them). -->
  <xsl:function name="ed:texts" as="element(tei:text)*">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:sequence select="$doc/*/descendant-or-self::tei:TEI/tei:text"/>
  </xsl:function>

  <xsl:function name="ed:title" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="stmt" select="ed:title-stmt($doc)"/>
    <xsl:sequence select="(normalize-space(($stmt/tei:title[@type = 'main'], $stmt/tei:title, root($doc)//tei:titleStmt/tei:title)[1])[. ne ''],
        ed:doc-id($doc)[. ne ''], ed:label('untitled'))[1]"/>
  </xsl:function>

  <xsl:function name="ed:subtitle" as="xs:string?">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:title-stmt($doc)/tei:title[@type = 'sub'][1] ! normalize-space(.)"/>
  </xsl:function>

  <!-- Author names of the header; 'unknown' is how ingest says there is none. -->
  <xsl:function name="ed:authors" as="xs:string*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:title-stmt($doc)/tei:author
        ! normalize-space((tei:persName, tei:name, .)[1])[. ne 'unknown' and . ne '']"/>
  </xsl:function>

  <!-- The source the document was made from, as one line; empty if the
       header says only that it was born digital or nothing. -->
  <xsl:function name="ed:source" as="xs:string?">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="source" select="ed:header($doc)/tei:fileDesc[1]/tei:sourceDesc[1]/*[1]"/>
    <!-- Its parts (title, author, note…) joined by commas; checksums left out. -->
    <xsl:variable name="text" select="string-join(($source/node()[not(self::tei:idno)] ! normalize-space(string-join(descendant-or-self::text(), ' '))[. ne '']), ', ')"/>
    <xsl:sequence select="if (string-length($text) gt 400) then substring($text, 1, 400) || '…' else $text[. ne '']"/>
  </xsl:function>

  <!-- The licence: licence elements, else the availability's paragraphs. -->
  <xsl:function name="ed:licence" as="element()?">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="availability" select="ed:header($doc)/tei:fileDesc[1]/tei:publicationStmt[1]//tei:availability"/>
    <xsl:sequence select="($availability//tei:licence, $availability/tei:p)[1]"/>
  </xsl:function>

  <!-- The languages the header names (langUsage), as written there. -->
  <xsl:function name="ed:languages" as="xs:string*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:header($doc)/tei:profileDesc/tei:langUsage/tei:language
        ! (normalize-space(.)[. ne ''], string(@ident))[1]"/>
  </xsl:function>

  <!-- The label a reader sees: the source's own number (@n, "*" for the
       author note); the running count only if a note has none. -->
  <xsl:function name="ed:note-label" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="($note/@n[normalize-space()] ! string(), string($note/accumulator-before('ed:note')))[1]"/>
  </xsl:function>

  <!-- A note's anchors follow its label, so that #fn7 is the note the reader
       sees as 7: "fn7" / "fnref7" when the label is letters and digits and no
       other note of the document has it; else (a "*", a label used twice)
       "fn-" / "fnref-" and the note's position, which never clash with those. -->
  <xsl:key name="ed:note-by-label" match="tei:note" use="ed:note-label(.)"/>

  <xsl:function name="ed:note-key" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="label" select="ed:note-label($note)"/>
    <xsl:sequence select="if (matches($label, '^[\p{L}\p{N}]+$') and count(key('ed:note-by-label', $label, root($note))) = 1)
        then $label else '-' || $note/accumulator-before('ed:note')"/>
  </xsl:function>

  <xsl:function name="ed:note-anchor" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="'fn' || ed:note-key($note)"/>
  </xsl:function>

  <xsl:function name="ed:note-ref-anchor" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="'fnref' || ed:note-key($note)"/>
  </xsl:function>

  <xsl:function name="ed:mention-anchor" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="'m' || $mention/accumulator-before('ed:mention')"/>
  </xsl:function>

  <xsl:function name="ed:bibl-anchor" as="xs:string">
    <xsl:param name="bibl" as="element(tei:bibl)"/>
    <xsl:sequence select="'b' || $bibl/accumulator-before('ed:bibl')"/>
  </xsl:function>

  <xsl:function name="ed:block-anchor" as="xs:string">
    <xsl:param name="block" as="element()"/>
    <xsl:sequence select="'t' || $block/accumulator-before('ed:block')"/>
  </xsl:function>

  <!-- The page a node is printed on: the @n of the last pb before it. -->
  <xsl:function name="ed:page-of" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node/accumulator-before('ed:page')"/>
  </xsl:function>

  <!-- The register entry an entity's @ref names ("registers.xml#place-baku"),
       or nothing when there is no register or no such entry. -->
  <xsl:key name="ed:entry" match="tei:person | tei:place | tei:org" use="@xml:id"/>

  <xsl:function name="ed:entry-id" as="xs:string?">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="$mention/@ref[contains(., '#')] ! substring-after(., '#')[. ne '']"/>
  </xsl:function>

  <xsl:function name="ed:entry" as="element()?">
    <xsl:param name="mention" as="element()"/>
    <xsl:variable name="id" select="ed:entry-id($mention)"/>
    <xsl:sequence select="if (exists($id) and exists($ed:registers)) then key('ed:entry', $id, $ed:registers)[1] else ()"/>
  </xsl:function>

  <xsl:function name="ed:entry-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="normalize-space(($entry/*[@type = 'preferred'], $entry/(tei:persName | tei:placeName | tei:orgName))[1])"/>
  </xsl:function>

  <!-- A person's name as an index lists it: "Şaumyan, Stephan" (surname
       first: the last word that is not a title such as Paşa or Bey, with
       the words after it), or the name as it is when it is one word or its
       only name comes first ("Cemal Paşa"). -->
  <xsl:variable name="ed:titles-after-name" as="xs:string*"
      select="('paşa', 'pasa', 'bey', 'beg', 'bek', 'efendi', 'ağa', 'aga', 'han', 'hanım', 'hoca', 'sultan', 'şah')"/>

  <xsl:function name="ed:index-name" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="words" select="tokenize(normalize-space($name), ' ')"/>
    <xsl:variable name="at" select="(for $i in reverse(1 to count($words)) return $i[not(lower-case(translate($words[$i], 'Iİ', 'ıi')) = $ed:titles-after-name)])[1]"/>
    <!-- A ruler ("I. Aleksandr", "Ivan IV.") keeps his name as it is. -->
    <xsl:sequence select="if (count($words) le 1 or empty($at) or $at = 1 or $words = $words[matches(., '^[IVXLC]+\.?$')]) then normalize-space($name)
        else string-join($words[position() ge $at], ' ') || ', ' || string-join($words[position() lt $at], ' ')"/>
  </xsl:function>

  <!-- The sort key of a person in an index: surname first, regnal numbers
       left out ("I. Aleksandr" sorts under A). -->
  <xsl:function name="ed:person-sort-key" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="ed:sort-key(string-join(tokenize(ed:index-name($name), ' ')[not(matches(., '^[IVXLC]+\.?$'))], ' '))"/>
  </xsl:function>

  <!-- An author cited by the texts (person/@role "author"), not a person of
       the history they tell. -->
  <xsl:function name="ed:is-cited-author" as="xs:boolean">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="tokenize($entry/@role) = 'author'"/>
  </xsl:function>

  <!-- Which register page an entry or mention belongs to. -->
  <xsl:function name="ed:register-of" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="
        if ($node/self::tei:person or $node/self::tei:persName) then 'persons'
        else if ($node/self::tei:place or $node/self::tei:placeName) then 'places'
        else 'organisations'"/>
  </xsl:function>

  <!-- Mentions the reader should see as entities: annotation in the text,
       never publication dates inside a citation (those date a book, not an
       event) and never the header. -->
  <xsl:function name="ed:is-dated-mention" as="xs:boolean">
    <xsl:param name="date" as="element(tei:date)"/>
    <xsl:sequence select="exists($date/ancestor::tei:text)
        and empty($date/ancestor::*[self::tei:bibl or self::tei:biblStruct or self::tei:biblFull or self::tei:listBibl])
        and exists($date/(@when, @from, @to, @notBefore, @notAfter))"/>
  </xsl:function>

  <!-- ISO sort key of a date mention: the start of what it names. -->
  <xsl:function name="ed:date-key" as="xs:string">
    <xsl:param name="date" as="element(tei:date)"/>
    <xsl:sequence select="string(($date/@when, $date/@from, $date/@notBefore, $date/@to, $date/@notAfter)[1])"/>
  </xsl:function>

  <!-- Turkish alphabetical order. Saxon-HE's UCA collation ignores lang=tr
       (it sorts Çelik before Cemal and ışık after Zeki; tests/test_render.py
       keeps that finding honest), so names sort by a key instead: each Turkish
       letter becomes a private-use character in alphabet order, after a
       Turkish lower-casing (I → ı, İ → i); other accents are dropped. -->
  <xsl:variable name="ed:turkish-alphabet" as="xs:string" select="'abcçdefgğhıijklmnoöpqrsştuüvwxyz'"/>
  <xsl:variable name="ed:alphabet-keys" as="xs:string"
      select="codepoints-to-string(for $i in 1 to string-length($ed:turkish-alphabet) return 57344 + $i)"/>

  <xsl:function name="ed:sort-key" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:variable name="lower" select="lower-case(translate(normalize-space($text), 'Iİ', 'ıi'))"/>
    <xsl:variable name="letters" select="translate($lower, $ed:turkish-alphabet, $ed:alphabet-keys)"/>
    <xsl:sequence select="replace(normalize-unicode($letters, 'NFD'), '\p{M}', '')"/>
  </xsl:function>

  <!-- The text of an element as a reader reads it: without the notes anchored
       in it, spaces normalised. -->
  <xsl:function name="ed:plain" as="xs:string">
    <xsl:param name="node" as="node()?"/>
    <xsl:sequence select="normalize-space(string-join($node//text()[not(ancestor::tei:note except $node/ancestor-or-self::tei:note)][not(ancestor::tei:fw)]
        [not(ed:is-hidden(., $node))] ! ed:text-of(.), ''))"/>
  </xsl:function>

  <!-- The sentence a mention stands in: the text of its block (paragraph,
       item, head) cut at the sentence ends around it. Abbreviations ("Dr.")
       may end a sentence early; the sentence is a pointer, not a quotation. -->
  <xsl:function name="ed:sentence-of" as="map(xs:string, xs:string)">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="ed:sentence-in($mention, ed:block-texts(ed:sentence-block($mention)))"/>
  </xsl:function>

  <xsl:function name="ed:sentence-block" as="element()?">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="$mention/ancestor::*[self::tei:p or self::tei:item or self::tei:head or self::tei:note][1]"/>
  </xsl:function>

  <!-- The text nodes of a block as a reader reads it: without notes anchored
       in it and running heads. Mentions of one block share them, so callers
       with many mentions compute them once per block. -->
  <xsl:function name="ed:block-texts" as="text()*">
    <xsl:param name="block" as="element()?"/>
    <xsl:variable name="own-notes" select="$block/ancestor-or-self::tei:note"/>
    <xsl:sequence select="$block//text()[not(ancestor::tei:note except $own-notes)][not(ancestor::tei:fw)]"/>
  </xsl:function>

  <!-- ed:sentence-of, given the texts of the mention's block. -->
  <xsl:function name="ed:sentence-in" as="map(xs:string, xs:string)">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="texts" as="text()*"/>
    <xsl:variable name="before" select="string-join($texts[. &lt;&lt; $mention], '')"/>
    <xsl:variable name="inside" select="string($mention)"/>
    <xsl:variable name="after" select="string-join($texts[. >> $mention][not(ancestor::* intersect $mention)], '')"/>
    <xsl:sequence select="map{
        'before': ed:collapse-space(ed:sentence-start($before)),
        'mention': ed:collapse-space($inside),
        'after': ed:collapse-space(ed:sentence-end($after))
      }"/>
  </xsl:function>

  <!-- replace($text, '\s+', ' '): every run of whitespace one space. The
       regex is slow and most strings have nothing to collapse, so it runs
       only on those that do. -->
  <xsl:function name="ed:collapse-space" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="if (contains($text, '  ') or contains($text, '&#9;') or contains($text, '&#10;') or contains($text, '&#13;'))
        then replace($text, '\s+', ' ') else $text"/>
  </xsl:function>

  <!-- A sentence ends at '.', '!', '?' or '…', perhaps with a closing quote
       or bracket, before whitespace, unless the next word begins with a
       small letter, or the '.' ends an abbreviation: a single letter (an
       initial "M.", "s. 25", "I. Aleksandr"), a Roman numeral ("XIX.
       yüzyıl"), a word with a dot inside ("a.g.e.") or a word of
       $ed:abbreviations ("bkz.", "vd.", "Prof."). Each candidate end is
       judged by the word before it and the letter after it; the pieces come
       from one analyze-string() per text, which does not backtrack over the
       rest of the paragraph. -->
  <xsl:variable name="ed:abbreviations" as="xs:string*" select="(
      'age', 'agm', 'agb', 'bkz', 'bk', 'bs', 'c', 'cit', 'çev', 'der', 'doç', 'dr', 'ed', 'eds', 'haz', 'hz',
      'ibid', 'krş', 'karş', 'no', 'nr', 'op', 'pp', 'prof', 'sf', 'ss', 'st', 'trans', 'vb', 'vd', 'vol', 'vs',
      'yay', 'yy', 'yrd', 'gen', 'mr', 'mrs', 'jr', 'sn', 'çev', 'cf', 'ca', 'vgl', 'hg', 'hrsg', 'bd')"/>
  <xsl:variable name="ed:sentence-end-regex" as="xs:string" select="'[.!?…][”’&quot;)]?\s+'"/>

  <!-- Is the match $end (a piece of analyze-string with $ed:sentence-end-regex)
       a sentence end, given the text before it and the text after it? -->
  <xsl:function name="ed:is-sentence-end" as="xs:boolean">
    <xsl:param name="end" as="xs:string"/>
    <xsl:param name="before" as="xs:string"/>
    <xsl:param name="after" as="xs:string"/>
    <xsl:variable name="word" select="replace(tokenize($before, '\s+')[last()], '^[(\[“‘&quot;]+', '')"/>
    <xsl:sequence select="not(matches($after, '^\p{Ll}')) and not(starts-with($end, '.') and (
        matches($word, '^\p{L}$') or matches($word, '^[IVXLCDM]+$') or matches($word, '\p{L}\.\p{L}')
        or lower-case($word) = $ed:abbreviations))"/>
  </xsl:function>

  <!-- The text split at its sentence ends: strings, each ending in its
       sentence end's punctuation and whitespace (the last one may end in
       neither). -->
  <xsl:function name="ed:sentences" as="xs:string*">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="pieces" select="analyze-string($text, $ed:sentence-end-regex)/*"/>
    <xsl:variable name="ends" select="for $i in 1 to count($pieces) return
        $i[$pieces[$i]/self::*:match][ed:is-sentence-end(string($pieces[$i]), string($pieces[$i - 1]), string($pieces[$i + 1]))]"/>
    <xsl:sequence select="for $k in 1 to count($ends) + 1 return
        string-join($pieces[position() gt ($ends[$k - 1], 0)[1] and position() le ($ends[$k], count($pieces))[1]], '')"/>
  </xsl:function>

  <!-- The text after the last sentence end (all of it if there is none),
       without leading whitespace. -->
  <xsl:function name="ed:sentence-start" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="replace((ed:sentences($text)[last()], '')[1], '^\s+', '')"/>
  </xsl:function>

  <!-- The text up to and including the first sentence end (all of it if
       there is none), without the whitespace after it. -->
  <xsl:function name="ed:sentence-end" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="replace((ed:sentences($text)[1], '')[1], '\s+$', '')"/>
  </xsl:function>

  <!-- Readings. A choice shows one child: the first of corr/expan/reg
       ('edited') or of sic/abbr/orig ('diplomatic'), else its first child.
       An app shows the reading of $witness, else its lemma, else its first
       reading. A subst shows its add ('edited') or all of it. -->
  <xsl:function name="ed:choice-shown" as="element()?">
    <xsl:param name="choice" as="element(tei:choice)"/>
    <xsl:variable name="preferred" select="if ($choice-reading = 'diplomatic') then ('sic', 'abbr', 'orig') else ('corr', 'expan', 'reg')"/>
    <xsl:sequence select="($choice/*[local-name() = $preferred], $choice/*)[1]"/>
  </xsl:function>

  <xsl:function name="ed:app-shown" as="element()?">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="readings" select="$app//(tei:lem | tei:rdg)[ancestor::tei:app[1] is $app]"/>
    <xsl:sequence select="($readings[$witness ne ''][tokenize(@wit) = ('#' || $witness, $witness)], $readings[self::tei:lem], $readings)[1]"/>
  </xsl:function>

  <!-- Is $element a branch the reader does not see in the running text: an
       unchosen child of choice, a reading of app not shown, a witness
       detail, or (edited) a del? -->
  <xsl:function name="ed:is-unshown" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="parent" select="$element/parent::*"/>
    <xsl:sequence select="
        ($parent/self::tei:choice and not($element is ed:choice-shown($parent)))
        or (($element/self::tei:rdg or $element/self::tei:lem) and exists($element/ancestor::tei:app[1])
            and not($element is ed:app-shown($element/ancestor::tei:app[1])))
        or ($element/self::tei:witDetail)
        or ($element/self::tei:del and $choice-reading = 'edited')"/>
  </xsl:function>

  <!-- Does the document have readings to choose from at all? Most do not,
       and then no text node needs to look at its ancestors. -->
  <xsl:variable name="ed:has-readings" as="xs:boolean"
      select="empty($ed:document) or exists($ed:document//(tei:choice | tei:app | tei:del | tei:witDetail))"/>

  <!-- Is text node $text in a branch not shown (below $within)? -->
  <xsl:function name="ed:is-hidden" as="xs:boolean">
    <xsl:param name="text" as="node()"/>
    <xsl:param name="within" as="node()?"/>
    <xsl:sequence select="$ed:has-readings and (some $a in
        ($text/ancestor::*[parent::tei:choice or self::tei:rdg or self::tei:lem or self::tei:witDetail or self::tei:del]
         except $within/ancestor-or-self::*) satisfies ed:is-unshown($a))"/>
  </xsl:function>

  <!-- A text node as the reader reads it: next to an lb, pb or cb with
       break="no" (a word broken across lines or pages), the whitespace on
       that side goes, so "hyphen<lb break='no'/>  ated" reads "hyphenated". -->
  <xsl:function name="ed:text-of" as="xs:string">
    <xsl:param name="text" as="text()"/>
    <xsl:variable name="before" select="$text/preceding-sibling::node()[1][self::tei:lb or self::tei:pb or self::tei:cb]"/>
    <xsl:variable name="after" select="$text/following-sibling::node()[1][self::tei:lb or self::tei:pb or self::tei:cb]"/>
    <xsl:variable name="s" select="string($text)"/>
    <xsl:sequence select="if (empty(($before, $after))) then $s else (
        let $s := if ($before[ed:is-word-break(.)]) then replace($s, '^\s+', '') else $s
        return if ($after[ed:is-word-break(.)]) then replace($s, '\s+$', '') else $s)"/>
  </xsl:function>

  <!-- A line, page or column break inside a word: break="no", or (no
       @break) letters right up to it on both sides ("na<pb/>türlich"). -->
  <xsl:function name="ed:is-word-break" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists($node[self::tei:lb or self::tei:pb or self::tei:cb][
        @break = ('no', 'false', 'n')
        or (empty(@break) and preceding-sibling::node()[1][self::text()][matches(., '\S$')]
            and following-sibling::node()[1][self::text()][matches(., '^\S')])])"/>
  </xsl:function>

  <!-- Elements that are blocks of text (a paragraph, a verse line, a speech,
       a list of persons…) rather than words inside one; with any element
       that holds a block, and every member of a list* (a bibl in listBibl).
       Formats set blocks apart (a line, an HTML block); an element of
       another TEI customisation is a block if it holds one. -->
  <xsl:variable name="ed:block-names" as="xs:string*" select="(
      'ab', 'argument', 'back', 'body', 'byline', 'castGroup', 'castItem', 'castList', 'closer', 'dateline',
      'div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7', 'docAuthor', 'docDate', 'docEdition',
      'docImprint', 'docTitle', 'entry', 'entryFree', 'epigraph', 'figDesc', 'figure', 'floatingText', 'front',
      'group', 'head', 'imprimatur', 'l', 'lg', 'list', 'listBibl', 'listEvent', 'listNym', 'listOrg',
      'listPerson', 'listPlace', 'listRelation', 'opener', 'p', 'postscript', 'row', 'salute', 'set',
      'signed', 'sp', 'spGrp', 'speaker', 'stage', 'standOff', 'superEntry', 'table', 'text', 'titlePage',
      'titlePart', 'trailer', 'u', 'msDesc', 'sourceDoc', 'surface', 'zone', 'line', 'biblStruct', 'person',
      'personGrp', 'place', 'org', 'event', 'item', 'label', 'cell')"/>

  <!-- A block whose content is fields, not running text: elements and no
       text of its own (a place's name and location, an epigraph's quotation
       and source; its notes do not count). Formats separate its parts, which
       the source often does not ("London<location>…"). -->
  <xsl:function name="ed:is-fields" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="count($element/*[not(self::tei:note)]) gt 1 and empty($element/text()[normalize-space()]) and ed:is-block($element)"/>
  </xsl:function>

  <!-- Of those, the ones TEI also allows among words: inside running text
       ("von <docAuthor>…</docAuthor>", a stage direction within a verse
       line) they are words, not blocks. -->
  <xsl:variable name="ed:flexible-names" as="xs:string*" select="(
      'byline', 'dateline', 'docAuthor', 'docDate', 'docEdition', 'docImprint', 'docTitle', 'figDesc', 'figure',
      'label', 'salute', 'signed', 'speaker', 'stage', 'titlePart', 'trailer', 'epigraph', 'castItem', 'biblStruct',
      'l', 'lg', 'list', 'table', 'line')"/>

  <!-- The two lists as maps: ed:is-block is asked of every element of
       running text, and a map lookup is O(1) where "= $list" is not. -->
  <xsl:variable name="ed:block-set" as="map(xs:string, xs:boolean)"
      select="map:merge($ed:block-names ! map{ .: not(. = $ed:flexible-names) })"/>

  <xsl:function name="ed:is-block" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="name" select="local-name($node)"/>
    <xsl:sequence select="$node instance of element() and not($node/self::tei:note) and (
        (map:contains($ed:block-set, $name)
          and ($ed:block-set($name) or empty($node/../text()[normalize-space()])))
        or exists($node/parent::*[starts-with(local-name(), 'list')][not(self::tei:list)])
        or (some $child in $node/* satisfies map:contains($ed:block-set, local-name($child))))"/>
  </xsl:function>

  <!-- Only web links may become href; anything else (javascript:, data:) in
       the TEI is shown as text. -->
  <xsl:function name="ed:is-web-url" as="xs:boolean">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:sequence select="matches(normalize-space($url), '^https?://[^\s&quot;&lt;&gt;]+$', 'i')"/>
  </xsl:function>
</xsl:stylesheet>
