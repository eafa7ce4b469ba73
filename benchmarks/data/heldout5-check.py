#!/usr/bin/env python3
"""Mechanical check of heldout5 markup: syntax, types, ISO values, Rumi/Hijri conversions, date-suffix harmony."""
import re, sys, math, datetime
from collections import Counter

TYPES = {'person', 'place', 'org', 'date'}
RUMI_M = {'mart':3,'nisan':4,'mayıs':5,'haziran':6,'temmuz':7,'ağustos':8,'eylül':9,'teşrinievvel':10,
          'teşrinisani':11,'kanunuevvel':12,'kanunusani':1,'şubat':2}
HIJRI_M = {'muharrem':1,'safer':2,'rebiülevvel':3,'rebiülahir':4,'cemaziyelevvel':5,'cemaziyelahir':6,
           'recep':7,'şaban':8,'ramazan':9,'şevval':10,'zilkade':11,'zilhicce':12}
UNITS = {1:'bir',2:'iki',3:'üç',4:'dört',5:'beş',6:'altı',7:'yedi',8:'sekiz',9:'dokuz'}
TENS = {1:'on',2:'yirmi',3:'otuz',4:'kırk',5:'elli',6:'altmış',7:'yetmiş',8:'seksen',9:'doksan'}
BACK = set('aıou'); FRONT = set('eiöü'); VOICELESS = set('çfhkpsşt')

def hijri_to_greg(y, m, d):
    jd = d + math.ceil(29.5*(m-1)) + (y-1)*354 + (3+11*y)//30 + 1948439.5 - 1
    return datetime.date.fromordinal(int(jd - 1721424.5))

def rumi_to_greg(y, m, d):
    gy = y + 584 if m >= 3 else y + 585
    if y >= 1333:               # after the 1917 reform: same day and month
        return datetime.date(gy, m, d)
    jul = datetime.date(gy, m, d)  # Julian date, shifted by the Julian-Gregorian gap
    gap = 12 if (gy, m) < (1900, 3) else 13
    return jul + datetime.timedelta(days=gap)

def valid_iso(v):
    for fmt in ('%Y-%m-%d', '%Y-%m', '%Y'):
        try:
            datetime.datetime.strptime(v, fmt); return len(v) in (4, 7, 10)
        except ValueError:
            pass
    return False

def lo(v):  # lower bound for ordering
    return v + '-01-01'[len(v)-4:] if len(v) < 10 else v

def say_last(word):
    """last pronounced word of a token (numbers read out)"""
    if re.fullmatch(r'\d+', word):
        n = int(word)
        if n % 10: return UNITS[n % 10]
        if n % 100: return TENS[(n % 100)//10]
        if n % 1000: return 'yüz'
        return 'bin'
    return word.lower()

def check_suffix(span_text, suffix):
    last = re.split(r'[\s/\-]', span_text.strip())[-1]
    w = say_last(last)
    vowels = [c for c in w if c in BACK|FRONT]
    if not vowels: return None
    back = vowels[-1] in BACK
    sv = [c for c in suffix.lower() if c in BACK|FRONT]
    if not sv: return None
    if (sv[0] in BACK) != back:
        return f'vowel harmony: {span_text!r}+{suffix!r} ({w})'
    if suffix[0].lower() in 'dt' and w[-1] not in BACK|FRONT:
        want = 't' if w[-1] in VOICELESS else 'd'
        if suffix[0].lower() != want:
            return f'voicing: {span_text!r}+{suffix!r} ({w})'
    if suffix[0].lower() in 'dt' and w[-1] in BACK|FRONT and suffix[0].lower() != 'd':
        return f'voicing: {span_text!r}+{suffix!r} ({w})'
    return None

def check(path):
    errs = []; cnt = Counter(); forms = Counter(); cal = Counter(); low = 0
    lines = open(path, encoding='utf-8').read().split('\n')
    if lines and lines[-1] == '': lines = lines[:-1]
    for ln, line in enumerate(lines, 1):
        if len(line.split(' / ')) > 3: errs.append(f'{ln}: more than 3 sentences')
        # balance / nesting
        depth = 0; i = 0
        while i < len(line):
            if line.startswith('[[', i): depth += 1; i += 2
            elif line.startswith(']]', i): depth -= 1; i += 2
            else: i += 1
            if depth < 0 or depth > 1: errs.append(f'{ln}: bad nesting/balance'); break
        if depth != 0: errs.append(f'{ln}: unbalanced')
        for m in re.finditer(r'\[\[([^\[\]]*?)\]\]', line):
            body = m.group(1)
            if ':' not in body: errs.append(f'{ln}: no type: {body}'); continue
            typ, rest = body.split(':', 1)
            if typ not in TYPES: errs.append(f'{ln}: bad type {typ}'); continue
            if rest != rest.strip() or not rest: errs.append(f'{ln}: whitespace/empty: {body!r}')
            cnt[typ] += 1
            if typ != 'date':
                if '|' in rest: errs.append(f'{ln}: | in non-date: {body}')
                continue
            if '|' not in rest: errs.append(f'{ln}: date without ISO: {body}'); continue
            text, iso = rest.split('|', 1)
            parts = iso.split(';'); kv = {}
            for p in parts:
                if '=' not in p: errs.append(f'{ln}: bad ISO part {p}'); continue
                k, v = p.split('=', 1); kv[k] = v
            keys = [p.split('=')[0] for p in parts]
            core = [k for k in keys if k not in ('calendar', 'cert')]
            if core not in (['when'], ['from', 'to'], ['notBefore', 'notAfter']):
                errs.append(f'{ln}: bad ISO keys {iso}'); continue
            if keys[:len(core)] != core: errs.append(f'{ln}: modifiers must follow: {iso}')
            for k in core:
                if not valid_iso(kv[k]): errs.append(f'{ln}: invalid date {kv[k]}')
            if len(core) == 2:
                a, b = kv[core[0]], kv[core[1]]
                if valid_iso(a) and valid_iso(b) and lo(a) > lo(b): errs.append(f'{ln}: order {iso}')
                forms[core[0]] += 1
            else:
                forms['when-' + {4:'year',7:'month',10:'day'}.get(len(kv['when']), '?')] += 1
            if 'calendar' in kv and kv['calendar'] not in ('rumi', 'hijri'): errs.append(f'{ln}: calendar {kv["calendar"]}')
            if 'cert' in kv:
                low += 1
                if kv['cert'] != 'low': errs.append(f'{ln}: cert {kv["cert"]}')
            # calendar conversion
            c = kv.get('calendar')
            if c: cal[c] += 1
            mm = re.fullmatch(r'(\d{1,2}) (\S+) (\d{4})(?:/(\d{4}))?', text)
            months = RUMI_M if c == 'rumi' else HIJRI_M if c == 'hijri' else None
            if c and mm and mm.group(2).lower() in months:
                d, mo, y = int(mm.group(1)), months[mm.group(2).lower()], int(mm.group(3))
                g = rumi_to_greg(y, mo, d) if c == 'rumi' else hijri_to_greg(y, mo, d)
                if kv.get('when') != g.isoformat(): errs.append(f'{ln}: {c} {text} -> {g} but {kv.get("when")}')
                if mm.group(4) and int(mm.group(4)) != g.year: errs.append(f'{ln}: slash year {text} vs {g}')
            elif c:
                errs.append(f'{ln}: calendar date not machine-checked: {text}')
            # suffix
            after = line[m.end():]
            sm = re.match(r"['’]([a-zçğıöşü]+)", after)
            if sm:
                e = check_suffix(text, sm.group(1))
                if e: errs.append(f'{ln}: {e}')
    return len(lines), cnt, forms, cal, low, errs

if __name__ == '__main__':
    tot = 0
    for p in sys.argv[1:]:
        n, cnt, forms, cal, low, errs = check(p)
        tot += len(errs)
        print(f'== {p}: {n} lines; ' + ', '.join(f'{t}={cnt[t]}' for t in ('person','place','org','date')) + f', total={sum(cnt.values())}')
        print('   date forms:', dict(forms), '| calendars:', dict(cal), '| cert=low:', low)
        for e in errs: print('   ERROR', e)
    print('errors:', tot)
