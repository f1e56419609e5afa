#!/usr/bin/env bash
# ViT-B/16 at 224 px on a CUDA machine: training images/s for full fine-tuning and the top-3-blocks mask with
# and without the frozen-prefix cache (PrefixCacheBench base16), plus the GPU's peak memory in use during the
# run (nvidia-smi, sampled every 0.5 s). Needs Maven Central (the -Pgpu profile's pytorch-native-cu128 jar).
# Usage from the repository root: tools/gpu-bench.sh [samples=1024] [epochs=2] [rounds=3]
set -euo pipefail
samples=${1:-1024}; epochs=${2:-2}; rounds=${3:-3}
command -v nvidia-smi >/dev/null || { echo "no nvidia-smi: this script needs a CUDA GPU" >&2; exit 1; }
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
log=$(mktemp)
( while true; do nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits >> "$log"; sleep 0.5; done ) &
sampler=$!
trap 'kill $sampler 2>/dev/null || true' EXIT
./mvnw -q -Pgpu -pl trainer-service exec:java -Dexec.classpathScope=test \
    -Dexec.mainClass=io.fairtune.trainer.bench.PrefixCacheBench -Dexec.args="$samples $epochs base16 $rounds"
kill $sampler 2>/dev/null || true
echo "peak GPU memory in use during the bench: $(sort -n "$log" | tail -1) MiB"
