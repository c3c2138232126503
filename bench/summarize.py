"""Turns bench/run.sh's result lines into the table printed at the end of the run."""
import statistics
import sys
from collections import defaultdict

TARGETS = {
    "course": "nntrain >= 1.5 x PyTorch and >= 3 x stock DJL",
    "wide": "nntrain >= 1.5 x PyTorch and >= 50 % of the FLOP-bound ceiling",
}


def parse(path):
    rows = []
    for line in open(path):
        fields = dict(f.split("=", 1) for f in line.split() if "=" in f)
        rows.append(fields)
    return rows


def main():
    rows = parse(sys.argv[1])
    gemm = next(r for r in rows if r["contender"] == "matmul")
    rate = max(float(v) for k, v in gemm.items() if k.startswith("gflops_"))
    runs = defaultdict(list)
    for r in rows:
        if "samples_per_s" in r:
            runs[(r["model"], r["contender"])].append(r)
    models = []
    for model, _ in runs:
        if model not in models:
            models.append(model)
    print(f"attainable float32 matmul through DJL (1024^3): {rate:.0f} GFLOP/s "
          f"({', '.join(f'{k[7:]}: {v}' for k, v in gemm.items() if k.startswith('gflops_'))})")
    print()
    print("| model | contender | threads | median samples/s | vs PyTorch | vs stock DJL | % of FLOP ceiling "
          "| peak RSS MB | test accuracy |")
    print("|---|---|---|---|---|---|---|---|---|")
    for model in models:
        med = {}
        for (m, who), rs in runs.items():
            if m == model:
                med[who] = statistics.median(float(v) for r in rs for v in r["samples_per_s"].split(","))
        for who in ("nntrain", "stock-djl", "stock-djl-1t", "pytorch", "sklearn"):
            if who not in med:
                continue
            rs = runs[(model, who)]
            params = int(rs[0]["params"])
            ceiling = rate * 1e9 / (6 * params)
            rss = max(int(r["peak_rss_kb"]) for r in rs) / 1024
            acc = statistics.mean(float(r["accuracy"]) for r in rs)
            vs_torch = f"{med[who] / med['pytorch']:.2f}" if "pytorch" in med else "-"
            vs_djl = f"{med[who] / med['stock-djl']:.2f}" if "stock-djl" in med else "-"
            share = "-" if model == "cnn" else f"{100 * med[who] / ceiling:.0f} %"
            print(f"| {model} | {who} | {rs[0]['threads']} | {med[who]:,.0f} | {vs_torch} | {vs_djl} "
                  f"| {share} | {rss:.0f} | {acc:.4f} |")
        if model != "cnn":  # weight sharing: a convolution does far more than 6 FLOPs per parameter
            print(f"|  | FLOP-bound ceiling (6 x {params:,} FLOPs per sample) |  | {ceiling:,.0f} |  |  |  |  |  |")
    print()
    for model in models:
        print(f"target, {model}: {TARGETS.get(model, '')}")
    leak = next((r for r in rows if r["contender"] == "nntrain-leak"), None)
    if leak:
        rss = [int(v) for v in leak["rss_kb_per_epoch"].split(",")]
        last = len(rss)
        growth = 100 * (rss[-1] - rss[1]) / rss[1]
        print(f"RSS after epoch 2: {rss[1] / 1024:.0f} MB, after epoch {last}: {rss[-1] / 1024:.0f} MB "
              f"({growth:+.1f} %; target within 5 %)")


if __name__ == "__main__":
    main()
