#!/usr/bin/env bash
# Every page shape of a generated centre against the budgets (250 ms and 250 KB a page, 500 ms a search, 2 s for the
# IQA's sample proposal). Starts the Release build on the data folder, signs in as an administrator, an IQA, an EQA, an
# assessor and a candidate of the generated centre through the real sign-in form, follows every link each can reach
# (one page of each shape: path and query keys, e.g. /Verify/Matrix?enrolmentId=), runs a handful of searches and a
# sample proposal, fetches each twice and prints page, median time and size, the slowest first.
#   scripts/scale.sh /work/centres/2000          # a folder made by: Portfolio.Benchmarks.dll generate --data-folder DIR
#   PORT=5107 PAGES=80 scripts/scale.sh DIR      # PAGES: the most page shapes to visit per person (default 60)
#   CANDIDATE=perf-candidate-00002@perf.test scripts/scale.sh /work/centres/10000   # logins widen past 9,999
#   SAVE=/tmp/2000.tsv scripts/scale.sh /work/centres/2000; AGAINST=/tmp/2000.tsv scripts/scale.sh ... /work/centres/10000
#       # SAVE keeps each page's median; AGAINST adds each page's ratio to that run and whether it is within 1.5×
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
DATA=${1:?Usage: scripts/scale.sh DATA_FOLDER (a generated centre)}
PORT=${PORT:-5106}
BASE="http://127.0.0.1:$PORT"
WARMUP=${WARMUP:-20}
dotnet build -c Release -v q -nologo src/Portfolio.Web >/tmp/portfolio-scale-build.log 2>&1 || { cat /tmp/portfolio-scale-build.log; exit 1; }
work=$(mktemp -d)
site=""
trap '[ -z "$site" ] || { kill $site 2>/dev/null; wait $site 2>/dev/null; }; rm -rf "$work"' EXIT
start_site "$DATA"

BASE="$BASE" WARMUP="$WARMUP" PAGES="${PAGES:-60}" python3 - <<'PY'
import html.parser, os, re, statistics, time, urllib.parse, requests

BASE, PAGES, WARMUP = os.environ["BASE"], int(os.environ["PAGES"]), int(os.environ["WARMUP"])
PASSWORD = "portfolio-demo"
# Who signs in, and where each starts (Dataset.cs: the demo administrator and IQA run the generated centre;
# SampleHistory.cs: the demo EQA has a window on all of it).
PEOPLE = [("administrator", "admin@demo.test", "/Admin"), ("IQA", "iqa@demo.test", "/Verify"),
          ("assessor", "perf-assessor-02@perf.test", "/Assess"), ("candidate", os.environ.get("CANDIDATE", "perf-candidate-0002@perf.test"), "/Portfolio"),
          ("EQA", "eqa@demo.test", "/External")]
SEARCHES = ["client", "the plan", "barriers", '"action plan"', "plan -client", "xylophone"]
SKIP = re.compile(r"/Account/SignOut|handler=Download|/Export|PortfolioExport|/File\b|/Benchmark", re.I)

class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.hrefs = []
    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href" and v]

def token(text):
    m = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]*)"', text)
    return m.group(1) if m else ""

def sign_in(email):
    s = requests.Session()
    page = s.get(BASE + "/Account/SignIn")
    r = s.post(BASE + "/Account/SignIn", data={"Input.Email": email, "Input.Password": PASSWORD,
               "__RequestVerificationToken": token(page.text)}, allow_redirects=False)
    assert r.status_code == 302, f"could not sign in {email}"
    return s

def shape(url):
    u = urllib.parse.urlsplit(url)
    keys = sorted(k for k, _ in urllib.parse.parse_qsl(u.query, keep_blank_values=True))
    return u.path + ("?" + "&".join(k + "=" for k in keys) if keys else "")

def fetch(s, method, url, **kw):
    start = time.perf_counter()
    r = s.request(method, BASE + url, allow_redirects=False, timeout=120, **kw)
    return r, (time.perf_counter() - start) * 1000

def measure(s, method, url, **kw):
    r1, t1 = fetch(s, method, url, **kw)
    r2, t2 = fetch(s, method, url, **kw)
    return r2, statistics.median([t1, t2]), len(r2.content)

def crawl(s, start):
    seen, queue, found = set(), [start], []
    while queue and len(found) < PAGES:
        url = queue.pop(0)
        if shape(url) in seen:
            continue
        seen.add(shape(url))
        r, _ = fetch(s, "GET", url)
        if r.status_code != 200 or "text/html" not in r.headers.get("content-type", ""):
            continue
        found.append(url)
        parser = Links(); parser.feed(r.text)
        for href in parser.hrefs:
            absolute = urllib.parse.urljoin(BASE + url, href)
            if absolute.startswith(BASE) and not SKIP.search(absolute) and "#" not in href:
                queue.append(absolute[len(BASE):])
    return found

sessions = {role: sign_in(email) for role, email, _ in PEOPLE}
pages = {role: crawl(sessions[role], start) for role, _, start in PEOPLE}
# Warm-up: the JIT compiles each page's code on its first requests; measure the page, not the compiler.
deadline = time.time() + WARMUP
while time.time() < deadline:
    for role, urls in pages.items():
        for url in urls[:10]:
            fetch(sessions[role], "GET", url)
rows = []
for role, urls in pages.items():
    for url in urls:
        r, ms, size = measure(sessions[role], "GET", url)
        rows.append((role, url, ms, size, r.status_code, 250))
for role, path in [("IQA", "/Verify/Search"), ("assessor", "/Assess/Search")]:
    for q in SEARCHES:
        url = path + "?" + urllib.parse.urlencode({"q": q})
        r, ms, size = measure(sessions[role], "GET", url)
        rows.append((role, url, ms, size, r.status_code, 500))
iqa = sessions["IQA"]
page = iqa.get(BASE + "/Verify/Sample").text
action = re.search(r'id="propose-form"[^>]*action="([^"]*)"|action="([^"]*)"[^>]*id="propose-form"', page)
if action:
    url = (action.group(1) or action.group(2)).replace("&amp;", "&")
    r, ms, size = measure(iqa, "POST", url, data={"Input.Size": "100", "__RequestVerificationToken": token(page)})
    rows.append(("IQA", "POST " + url + " (propose 100)", ms, size, r.status_code, 2000))
rows.sort(key=lambda x: -x[2])
# A page's shape with its ids left out, so the same page of two centres lines up (searches keep their words).
def same(role, url):
    return role + " " + re.sub(r"(?<==)\d+", "", url)
if os.environ.get("SAVE"):
    with open(os.environ["SAVE"], "w") as f:
        for role, url, ms, size, status, budget in rows:
            f.write(f"{same(role, url)}\t{ms:.1f}\n")
against = {}
if os.environ.get("AGAINST"):
    for line in open(os.environ["AGAINST"]):
        k, ms = line.rstrip("\n").split("\t")
        against[k] = float(ms)
flat = lambda role, url, ms: same(role, url) in against and ms <= 1.5 * max(against[same(role, url)], 10)
print(f"| person | page | ms | KB | within budget |" + (" × the other centre | flat |\n| --- | --- | ---: | ---: | --- | ---: | --- |" if against else "\n| --- | --- | ---: | ---: | --- |"))
for role, url, ms, size, status, budget in rows:
    ok = "yes" if status == 200 and ms <= budget and size <= 250 * 1024 else f"NO ({status})" if status != 200 else "NO"
    if against:
        before = against.get(same(role, url))
        ratio = f"{ms / before:.2f}" if before else "—"
        print(f"| {role} | `{url}` | {ms:,.0f} | {size / 1024:,.0f} | {ok} | {ratio} | {'yes' if flat(role, url, ms) else 'NO' if before else '—'} |")
    else:
        print(f"| {role} | `{url}` | {ms:,.0f} | {size / 1024:,.0f} | {ok} |")
print(f"\n{len(rows)} pages; {sum(1 for r in rows if r[4] == 200 and r[2] <= r[5] and r[3] <= 250 * 1024)} within budget.")
if against:
    matched = [r for r in rows if same(r[0], r[1]) in against]
    print(f"{len(matched)} found in the other run; {sum(1 for r in matched if flat(r[0], r[1], r[2]))} within 1.5× of it"
          " (a page under 10 ms there counts as 10 ms: below that the two fetches' noise is larger than the page).")
PY
