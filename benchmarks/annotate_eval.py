"""Precision and recall of the name finder on unseen-style Turkish sentences.

The sentences below were written for this benchmark (not copied from the
edition's texts) in the genre of the corpus: Turkish historiography of the
Caucasus 1917–1922. Gold spans are marked [[kind:text]]. The finder runs with
an EMPTY register, so every name must be found on evidence (titles,
honorifics, initials, surname endings, organisation/place heads, gazetteer).

    .venv/bin/python benchmarks/annotate_eval.py
"""

from __future__ import annotations

import re
import sys
from collections import Counter

from edition.annotate.gazetteer import gazetteer
from edition.annotate.names import NameFinder
from edition.annotate.registers import Register

GOLD = """
1919 baharında [[person:Nuri Paşa]] ordusuyla [[place:Dağıstan]]’a doğru ilerlemiştir.
[[person:Miralay]] yok; Miralay [[person:Petrosyan]] [[place:Erivan]]’dan çekilmiştir.
Toplantıya [[person:M. Y. Cafarov]] ile [[person:Ali Merdan Bey Topçubaşı]] katıldı.
[[org:Ermeni Milli Konseyi]] bu kararı [[place:Tiflis]]’te açıkladı.
[[person:General Dunsterville]] yok; General [[person:Thomson]] [[place:Bakü]]’ye geldi.
[[org:İttihat ve Terakki Cemiyeti]] [[place:Kafkasya]] siyasetini yeniden gözden geçirdi.
[[person:Karakaşvili]] ile [[person:Tsereteli]] [[place:Batum]] görüşmelerine katıldı.
[[org:Gürcü Milli Konseyi]] [[place:Kutaisi]]’de toplandı.
Hacı [[person:Hacı Selim Efendizade]] yok; [[person:Hacı Selim Efendizade]] [[place:Şuşa]]’ya gitti.
[[org:Dağlı Cumhuriyeti Hükümeti]] [[place:Temir Han Şura]]’dan [[place:Vladikafkas]]’a taşındı.
[[person:Ahmet Ağaoğlu]] [[place:İstanbul]]’da [[org:Türk Ocağı]] ile temas kurdu.
Ermeniler ve Gürcüler arasında [[place:Ahıska]] meselesi yüzünden çatışma çıktı.
[[person:A. Mikoyan]] [[place:Astrahan]] üzerinden [[place:Moskova]]’ya gitti.
[[org:Kızıl Ordu]] [[place:Zakatala]]’yı işgal etti.
[[person:Halil Paşa]] ve [[person:Enver Paşa]] [[place:Batum]]’da buluştu.
[[person:Stepan Lalayev]] ile [[person:Grigori Petrov]] [[place:Lenkoran]]’a gittiler.
[[org:Bakü Halk Komiserleri Sovyeti]] dağıldı; [[org:Sentrokaspi Diktatörlüğü]] kuruldu.
[[person:Kazım Bey]] [[place:Kars]] kalesini teslim aldı.
[[org:Müsavat Partisinin]] yok; [[org:Müsavat Partisi]]nin kongresi [[place:Gence]]’de toplandı.
Bolşevikler ve Taşnaklar [[place:Şamahı]] üzerine yürüdü.
[[person:Molla Nasreddin]] dergisi yasaklandı.
[[org:Azerbaycan Demokratik Cumhuriyeti Parlamentosu]] [[date:7 Aralık 1918]] tarihinde açıldı.
[[person:Fatali Han Hoyski]] kabinesi istifa etti.
[[person:N. Jordania]] [[place:Paris]]’e gitti.
[[place:Aras Nehri]] boyunca [[org:Rus Ordusu]] çekildi.
"""


def parse(line: str):
    """Plain text and the gold (start, end, kind) spans; '… yok;' parts are distractor notes."""
    line = re.sub(r"^.*? yok; ", "", line)
    text, gold, pos = "", [], 0
    for m in re.finditer(r"\[\[(\w+):([^\]]+)\]\]", line):
        text += line[pos:m.start()]
        start = len(text)
        text += m.group(2)
        if m.group(1) != "date":
            gold.append((start, len(text), m.group(1)))
        pos = m.end()
    text += line[pos:]
    return text, gold


def main() -> int:
    finder = NameFinder(Register(), gazetteer())
    tp, fp, fn = Counter(), Counter(), Counter()
    for line in filter(None, GOLD.strip().splitlines()):
        text, gold = parse(line)
        found = {(c.start, c.end, c.kind) for c in finder.find(text)}
        for g in gold:
            (tp if g in found else fn)[g[2]] += 1
        for f in found - set(gold):
            fp[f[2]] += 1
            print(f"  false positive {f[2]}: {text[f[0]:f[1]]!r}", file=sys.stderr)
        for g in set(gold) - found:
            print(f"  missed {g[2]}: {text[g[0]:g[1]]!r}", file=sys.stderr)
    print("kind\tprecision\trecall\tgold")
    for kind in ("person", "place", "org"):
        p = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 0.0
        r = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 0.0
        print(f"{kind}\t{p:.2f}\t{r:.2f}\t{tp[kind] + fn[kind]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
