#!/usr/bin/env python3
"""One-off generator for crates/catalog/data/*.csv (kept for provenance).

Inputs: /work/shared/reference/empirical_*.csv and /work/shared/samples/*.truth.json,
plus the hand-written KNOWLEDGE tables below (entries recalled from the MOF
政府收支分类科目 editions and 财预〔2017〕98号; each marked "verify").
The generated CSVs are the checked-in source of truth; re-running this script
overwrites them.  Usage: python3 tools/build_data.py [reference_dir] [samples_dir]
"""
import csv, glob, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', 'data')
REF = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/reference'
SAMPLES = sys.argv[2] if len(sys.argv) > 2 else '/work/shared/samples'

EMP_F = 'reference:empirical_function_codes.csv'
EMP_D = 'reference:empirical_dept_econ_codes.csv'
EMP_G = 'reference:empirical_gov_econ_codes.csv'
EMP_X = 'reference:empirical_gov_to_dept_econ_crosswalk.csv'
KNOW = 'mof:knowledge (verify)'
TRUTH = 'samples:truth'

# ---------------------------------------------------------------- function
# Empirical rows dropped as noise (not national function codes).
F_DROP = {'236'}  # 教师工作专项 = a university project code, not a 类

# (code, name, valid_from, valid_to, source) — edition-dependent names and
# parents missing from the empirical list.
F_KNOW = [
    # quoted by a narrative (sh_putuo_czj 2024 final: …财政事务（款）财政委托业务支出（项）)
    ('2010608', '财政委托业务支出', '', '', 'reference:empirical_function_codes_raw.csv#n=1'),
    # 类 renamed by the 2019 edition (机构改革 2018)
    ('207', '文化体育与传媒支出', '', '2018', 'mof:2018-edition (knowledge; verify)'),
    ('210', '医疗卫生与计划生育支出', '', '2018', 'mof:2018-edition (knowledge; verify)'),
    ('220', '国土海洋气象等支出', '', '2018', 'mof:2018-edition (knowledge; verify)'),
    ('20701', '文化', '', '2018', 'mof:2018-edition (knowledge; verify)'),
    ('21001', '医疗卫生与计划生育管理事务', '', '2018', 'mof:2018-edition (knowledge; verify)'),
    ('21301', '农业', '', '2018', 'mof:2018-edition (knowledge; verify)'),
    ('21302', '林业', '', '2018', 'mof:2018-edition (knowledge; verify)'),
    ('22001', '国土资源事务', '', '2018', 'mof:2018-edition (knowledge; verify)'),
    # 行政事业单位医疗 moved from 21005 医疗保障 to 21011 in the 2019 edition
    ('21005', '医疗保障', '', '2018', 'mof:2018-edition (knowledge; verify)'),
    ('2100501', '行政单位医疗', '', '2018', 'mof:2018-edition (knowledge; verify)'),
    ('2100502', '事业单位医疗', '', '2018', 'mof:2018-edition (knowledge; verify)'),
    ('2100503', '公务员医疗补助', '', '2018', 'mof:2018-edition (knowledge; verify)'),
    # 20805 old name seen in 16 corpus docs; rename year from knowledge
    ('20805', '行政事业单位离退休', '', '2019', EMP_F + ' alt-name(n=16); boundary year mof:knowledge (verify)'),
    # missing parents of empirical 项
    ('20101', '人大事务', '', '', KNOW),
    ('20401', '武装警察部队', '', '', KNOW),
    ('20504', '成人教育', '', '', KNOW),
    ('20505', '广播电视教育', '', '', KNOW),
    ('20606', '社会科学', '', '', KNOW),
    ('20707', '国家电影事业发展专项资金安排的支出', '', '', KNOW),
    ('20801', '人力资源和社会保障管理事务', '', '', KNOW),
    ('20826', '财政对基本养老保险基金的补助', '', '', KNOW),
    ('21199', '其他节能环保支出', '', '', KNOW),
]
# valid_from / valid_to overrides for empirical rows (code -> (from, to, note))
F_BOUNDS = {
    '207': ('2019', '', 'mof:2019-edition rename (knowledge)'),
    '210': ('2019', '', 'mof:2019-edition rename (knowledge)'),
    '220': ('2019', '', 'mof:2019-edition rename (knowledge)'),
    '224': ('2019', '', 'mof:2019-edition new 类 (knowledge)'),
    '20701': ('2019', '', 'mof:2019-edition rename (knowledge)'),
    '21001': ('2019', '', 'mof:2019-edition rename (knowledge)'),
    '21301': ('2019', '', 'mof:2019-edition rename (knowledge)'),
    '21302': ('2019', '', 'mof:2019-edition rename (knowledge)'),
    '22001': ('2019', '', 'mof:2019-edition rename (knowledge)'),
    '21011': ('2019', '', 'mof:2019-edition new 款 (knowledge)'),
    '2101101': ('2019', '', 'mof:2019-edition new 款 (knowledge)'),
    '2101102': ('2019', '', 'mof:2019-edition new 款 (knowledge)'),
    '2101103': ('2019', '', 'mof:2019-edition new 款 (knowledge)'),
    '20805': ('2020', '', 'rename year mof:knowledge (verify)'),
    '2089901': ('', '2020', 'valid_to = last observed year (superseded by 2089999)'),
    '234': ('2020', '', 'mof:2020-edition new 类 (knowledge)'),
}
F_ALIASES = {
    '303': [],
}

# ---------------------------------------------------------------- dept econ
D_KNOW = [
    # pre-2018 edition (财预〔2017〕98号 moved 住房公积金/医疗费 into 301)
    ('30307', '医疗费', '', '2017', EMP_D + ' alt-name(n=5); edition boundary mof:knowledge (verify)'),
    ('30311', '住房公积金', '', '2017', EMP_D + ' alt-name(n=5); edition boundary mof:knowledge (verify)'),
    ('30310', '个人农业生产补贴', '', '', KNOW),
    ('30909', '土地补偿', '', '', KNOW + ' mirrors 31009'),
    ('30910', '安置补助', '', '', KNOW + ' mirrors 31010'),
    ('30911', '地上附着物和青苗补偿', '', '', KNOW + ' mirrors 31011'),
    ('30912', '拆迁补偿', '', '', KNOW + ' mirrors 31012'),
]
D_BOUNDS = {
    '30104': ('', '2017', 'only seen in 2017 docs (pre-reform edition)'),
    '30312': ('', '2017', 'only seen in 2017 docs (pre-reform edition)'),
    '30114': ('2018', '', 'mof:2018-edition (财预〔2017〕98号) (knowledge)'),
    '30113': ('2018', '', 'mof:2018-edition (财预〔2017〕98号) (knowledge)'),
    '30307': ('2018', '', 'mof:2018-edition rename 医疗费→医疗费补助 (knowledge)'),
    '30311': ('2018', '', 'mof:2018-edition (knowledge)'),
}
D_ALIASES = {'303': ['对个人和家庭补助'], '30213': ['维修费']}
D_DROP_LEVEL7 = True  # 7-digit items are local (Jiangsu/Shanghai) extensions

# ---------------------------------------------------------------- gov econ
G_DROP = {'50899'}  # empirical name '北京会奖旅' is a truncated project name; re-added below
G_KNOW = [
    ('503', '机关资本性支出（一）', '', '', KNOW + '; empirical name 机关资本性支出 (n=2)'),
    ('50302', '基础设施建设', '', '', KNOW),
    ('50305', '土地征迁补偿和安置支出', '', '', KNOW),
    ('504', '机关资本性支出（二）', '', '', KNOW),
    ('50401', '房屋建筑物购建', '', '', KNOW),
    ('50403', '公务用车购置', '', '', EMP_X + ' (n=2)'),
    ('50405', '大型修缮', '', '', KNOW),
    ('50599', '其他对事业单位补助', '', '', KNOW),
    ('506', '对事业单位资本性补助', '', '', KNOW),
    ('507', '对企业补助', '', '', KNOW),
    ('50702', '利息补贴', '', '', KNOW),
    ('508', '对企业资本性支出', '', '', KNOW),
    ('50899', '其他对企业资本性支出', '', '', EMP_X + ' (n=1); ' + EMP_G + ' alt-name'),
    ('50903', '个人农业生产补贴', '', '', KNOW),
    ('510', '对社会保障基金补助', '', '', KNOW),
    ('51003', '补充全国社会保障基金', '', '', KNOW),
    ('511', '债务利息及费用支出', '', '', KNOW),
    ('51101', '国内债务付息', '', '', KNOW),
    ('51102', '国外债务付息', '', '', KNOW),
    ('51103', '国内债务发行费用', '', '', KNOW),
    ('51104', '国外债务发行费用', '', '', KNOW),
    ('512', '债务还本支出', '', '', KNOW),
    ('513', '转移性支出', '', '', KNOW),
    ('514', '预备费及预留', '', '', KNOW),
    ('599', '其他支出', '', '', KNOW),
    ('59907', '国家赔偿费用支出', '', '', KNOW),
    ('59908', '对民间非营利组织和群众性自治组织补贴', '', '', KNOW),
]
G_ALIASES = {'503': ['机关资本性支出'], '50601': ['资本性支出（一）'],
             '50602': ['资本性支出（二）'], '50999': ['其他对个人和家庭补助']}

# ---------------------------------------------------------------- crosswalk
A, I, ANY = '行政', '事业', 'any'
X_KNOW = [
    # 3-digit 类 level (parent mapping)
    ('301', A, '501'), ('301', I, '505'), ('302', A, '502'), ('302', I, '505'),
    ('303', ANY, '509'), ('307', ANY, '511'), ('309', A, '504'), ('309', I, '506'),
    ('310', A, '503'), ('310', I, '506'), ('313', ANY, '510'), ('399', ANY, '599'),
    # 301 for 机关
    ('30106', A, '50199'), ('30114', A, '50199'),
    # 302 for 机关 (items not observed in the Beijing crosswalk)
    ('30203', A, '50205'), ('30211', A, '50201'), ('30212', A, '50207'),
    ('30215', A, '50202'), ('30225', A, '50204'), ('30229', A, '50201'),
    # 303 (unit-type independent)
    ('30310', ANY, '50903'),
    # 307
    ('30701', ANY, '51101'), ('30702', ANY, '51102'), ('30703', ANY, '51103'), ('30704', ANY, '51104'),
    # 309 for 机关 → 504 机关资本性支出（二）
    ('30901', A, '50401'), ('30902', A, '50404'), ('30903', A, '50404'), ('30906', A, '50405'),
    ('30907', A, '50404'),
    ('30908', A, '50499', 'inferred by analogy with empirical 31008/31022→50399 (verify)'),
    ('30922', A, '50499', 'inferred by analogy with empirical 31008/31022→50399 (verify)'),
    # 310 for 机关 → 503 机关资本性支出（一）
    ('31005', A, '50302'), ('31009', A, '50305'), ('31010', A, '50305'), ('31011', A, '50305'),
    ('31012', A, '50305'),
    # 312
    ('31205', ANY, '50702'),
    # 313 / 399
    ('31302', ANY, '51002'), ('31303', ANY, '51003'),
    ('39907', ANY, '59907'), ('39908', ANY, '59908'),
]
# 事业 units: every 301xx → 50501, 302xx → 50502, 309xx → 50602, 310xx → 50601
# (rule of 财预〔2017〕98号; the Beijing crosswalk confirms it item by item).
INST_RULE = {'301': '50501', '302': '50502', '309': '50602', '310': '50601'}
# 303xx: the empirical pairs are unit-type independent (509 for both).
ANY_PREFIXES = ('303', '307', '312', '313', '399')


def read_emp(name):
    return list(csv.DictReader(open(os.path.join(REF, name), encoding='utf-8')))


def clean(s):
    return s.replace(',', '，').strip()


def write(path, header, rows):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        for r in rows:
            w.writerow([clean(x) for x in r])


def code_key(r):
    return (r[0], r[2] or '0000')


def truth_codes():
    out = {}
    for p in sorted(glob.glob(os.path.join(SAMPLES, '*.truth.json'))):
        d = json.load(open(p, encoding='utf-8'))
        for f in d.get('facts', []):
            if f.get('code'):
                out.setdefault((f['code_system'], f['code']), {}).setdefault(
                    f['row_label'].strip(), set()).add(int(d['year']))
    return out


def build_codes(emp_rows, drop, know, bounds, aliases, emp_src, truth, system, level7=True):
    rows = []
    have = set()
    for r in emp_rows:
        c = r['code']
        if c in drop or (not level7 and len(c) == 7):
            continue
        vf, vt, note = bounds.get(c, ('', '', ''))
        src = f"{emp_src}#n={r['n_docs_code']}"
        if note:
            src += '; ' + note
        rows.append([c, r['name_most_common'], vf, vt, '|'.join(aliases.get(c, [])), src])
        have.add(c)
    for c, n, vf, vt, s in know:
        vf2, vt2, note = bounds.get(c, (vf, vt, '')) if c not in have else (vf, vt, '')
        rows.append([c, n, vf, vt, '|'.join(aliases.get(c, [])) if c not in have else '', s])
        have.add(c)
    # sample truth: add missing codes, check names of present ones
    for (sys_, c), names in sorted(truth.items()):
        if sys_ != system:
            continue
        cur = [r for r in rows if r[0] == c]
        for name, years in names.items():
            ok = any(r[1] == name or name in r[4].split('|') for r in cur)
            if not ok and not cur:
                vf, vt, note = bounds.get(c, ('', '', ''))
                src = f'{TRUTH} (years {"/".join(map(str, sorted(years)))})' + ('; ' + note if note else '')
                rows.append([c, name, vf, vt, '', src])
                cur = [rows[-1]]
            elif not ok:
                print(f'NOTE truth name differs: {system} {c} truth={name} catalog={[r[1] for r in cur]}')
            else:
                for r in cur:
                    if r[1] == name and TRUTH not in r[5]:
                        r[5] += '; ' + TRUTH
    rows.sort(key=code_key)
    return rows


def main():
    truth = truth_codes()
    hdr = ['code', 'name', 'valid_from', 'valid_to', 'aliases', 'source']
    f = build_codes(read_emp('empirical_function_codes.csv'), F_DROP, F_KNOW, F_BOUNDS,
                    F_ALIASES, EMP_F, truth, 'function')
    write(os.path.join(DATA, 'function_codes.csv'), hdr, f)
    d = build_codes(read_emp('empirical_dept_econ_codes.csv'), set(), D_KNOW, D_BOUNDS,
                    D_ALIASES, EMP_D, truth, 'economic', level7=not D_DROP_LEVEL7)
    write(os.path.join(DATA, 'dept_economic_codes.csv'), hdr, d)
    g = build_codes(read_emp('empirical_gov_econ_codes.csv'), G_DROP, G_KNOW, {},
                    G_ALIASES, EMP_G, {}, 'gov_economic')
    write(os.path.join(DATA, 'gov_economic_codes.csv'), hdr, g)

    # crosswalk
    gov_codes = {r[0] for r in g}
    dept_codes = {r[0] for r in d if not r[3]}  # current edition only
    x = {}

    def put(dc, ut, gc, src):
        assert gc in gov_codes, (dc, gc)
        x.setdefault((dc, ut), (gc, src))
    emp = read_emp('empirical_gov_to_dept_econ_crosswalk.csv')
    for r in emp:
        dc, gc, n = r['dept_econ_code'], r['gov_econ_code'], r['n_docs']
        if dc[:3] in INST_RULE:
            ut = I if gc[:3] in ('505', '506') else A
        else:
            ut = ANY
        put(dc, ut, gc, f'{EMP_X}#n={n}')
    for e in X_KNOW:
        put(e[0], e[1], e[2], e[3] if len(e) > 3 else 'mof:财预〔2017〕98号 crosswalk (knowledge; verify)')
    for dc in sorted(dept_codes):
        if len(dc) == 5 and dc[:3] in INST_RULE:
            put(dc, I, INST_RULE[dc[:3]], 'mof:财预〔2017〕98号 rule: 事业 %sxx→%s (knowledge)' % (dc[:3], INST_RULE[dc[:3]]))
    rows = sorted([[dc, ut, gc, s] for (dc, ut), (gc, s) in x.items()],
                  key=lambda r: (r[0], {'行政': 0, '事业': 1, 'any': 2}[r[1]]))
    write(os.path.join(DATA, 'dept_to_gov_economic.csv'), ['dept_code', 'unit_type', 'gov_code', 'source'], rows)
    for name, rs in (('function', f), ('dept', d), ('gov', g), ('xwalk', rows)):
        print(name, len(rs))


if __name__ == '__main__':
    main()
