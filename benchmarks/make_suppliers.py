#!/usr/bin/env python3
"""Generate N synthetic suppliers' answers files: varied, realistic, with Japanese narratives.

    python benchmarks/make_suppliers.py N OUT_DIR [--seed 1]

Each supplier answers every requirement of its profile (mostly atla-standard, some cmmc-l2 and
nist-800-171r2): a status drawn per supplier around its own maturity, objective findings for some, a
narrative of two to four Japanese sentences, evidence, an owner, and a planned measure and target date for
what is open. Tags (tier, business unit, prime) allow grouping. Deterministic for a seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path

SENTENCES = [
    "情報システム課が手順書に基づいて運用している。", "四半期ごとに管理者が記録をレビューしている。",
    "設計部の端末はドメインに参加させ、グループポリシーで設定を統一している。",
    "保護すべき情報は指定のファイルサーバにのみ保存し、アクセス権を設計プロジェクト単位で付与している。",
    "UTM のログを syslog でログサーバへ転送し、1年間保持している。", "年1回、全取扱者に教育を実施している。",
    "委託先との契約に情報セキュリティ条項を含めている。",
    "持出し用の USB メモリは暗号化機能付きのものに限定している。",
    "変更は変更管理票で承認を得てから実施している。",
    "退職者のアカウントは人事からの連絡を受けて当日中に無効化している。",
    "The procedure is reviewed every April by the security committee.",
    "バックアップは週次で取得し、月次で復元を試験している。",
]
OWNERS = ["情報システム課 山田", "情報システム課 鈴木", "総務課 佐藤", "設計部 高橋", "品質保証部 中村",
          "製造部 伊藤"]
UNITS = ["航空", "艦艇", "車両", "電子", "共通"]
PRIMES = ["株式会社例示重工", "例示電機株式会社", "例示航空工業株式会社"]
STATUSES = ["implemented", "partially_implemented", "planned", "not_implemented", "not_applicable"]


def catalog_items(profile: str) -> list[tuple[str, list[str]]]:
    from dibcyber.engine.checks import selected
    from dibcyber.engine.resolve import objective_key
    from dibcyber.io.registry import Registry

    reg = Registry()
    prof = reg.profile(profile)
    cat = reg.catalog(prof.catalog)
    return [(rid, [objective_key(rid, o.id) for o in cat.by_id[rid].objectives]) for rid in selected(prof, cat)]


def supplier(n: int, rng: random.Random, items: dict[str, list[tuple[str, list[str]]]]) -> str:
    profile = rng.choices(["atla-standard", "cmmc-l2", "nist-800-171r2"], weights=[8, 1, 1])[0]
    maturity = rng.uniform(0.35, 0.98)
    date = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(0, 300))
    lines = [f"# synthetic supplier {n} (benchmarks/make_suppliers.py)", "format: dibcyber/answers@1",
             f"profile: {profile}", "organization:", f"  name: サンプル協力会社{n:04d}株式会社",
             f"  prime: {rng.choice(PRIMES)}",
             f"  tags: {{tier: '{rng.choice('123')}', business_unit: {rng.choice(UNITS)}}}",
             "assessment:", f"  date: {date.isoformat()}", f"  assessor: {rng.choice(OWNERS)}",
             f"  system: 設計系ネットワーク（SSP-{n:04d}）", "requirements:"]
    for rid, objectives in items[profile]:
        roll = rng.random()
        status = ("implemented" if roll < maturity else rng.choice(STATUSES[1:4])
                  if roll < 0.97 else "not_applicable")
        lines.append(f"  {json.dumps(rid)}:")
        if objectives and len(objectives) > 1 and rng.random() < 0.25 and status in ("implemented",
                                                                                        "partially_implemented"):
            found = {k: "met" if status == "implemented" or i else "not_met" for i, k in enumerate(objectives)}
            lines.append("    objectives: {" + ", ".join(f"{json.dumps(k)}: {v}" for k, v in found.items()) + "}")
        else:
            lines.append(f"    status: {status}")
        narrative = "".join(rng.sample(SENTENCES, rng.randint(2, 4)))
        lines.append(f"    narrative: {json.dumps(narrative, ensure_ascii=False)}")
        if rng.random() < 0.4:
            lines.append(f"    evidence:\n      - {{path: evidence/規程-{rng.randrange(1, 20):02d}.md}}")
        lines.append(f"    owner: {rng.choice(OWNERS)}")
        if status in ("partially_implemented", "planned", "not_implemented") and rng.random() < 0.85:
            target = date + dt.timedelta(days=rng.randrange(-60, 240))
            lines.append("    planned_measure: 手順書を改訂し、設定を全端末に展開する。")
            lines.append(f"    target_date: {target.isoformat()}")
    return "\n".join(lines) + "\n"


def generate(count: int, out: Path, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    items = {p: catalog_items(p) for p in ("atla-standard", "cmmc-l2", "nist-800-171r2")}
    paths = []
    for n in range(1, count + 1):
        folder = out / f"tier-{(n % 3) + 1}" / f"supplier-{n:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "answers.yaml"
        path.write_text(supplier(n, rng, items), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("count", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    generate(args.count, args.out, args.seed)
    print(f"wrote {args.count} suppliers under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
