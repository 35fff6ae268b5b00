#!/usr/bin/env bash
# Offline validation of deploy/: renders every overlay with `kubectl kustomize`, validates every object against the
# Kubernetes schemas (npm package kubernetes-models, plus a strict unknown-field check) and checks Portcullis'
# invariants (replicas, probes, limits, non-root, read-only root filesystem, PDBs, HPA, Ingress TLS, paths and
# session affinity, NetworkPolicies, Prometheus scraping as the applications serve it, no secret values,
# configuration consistency). No cluster is needed.
# Needs: Node.js >= 18, and kubectl >= 1.27 (its kustomize v5 reads the kustomizations' labels and patches fields).
# Network: only the npm registry, once, to install deploy/validate/node_modules (git-ignored).
# Usage: deploy/validate.sh [OVERLAY_DIR...]   (default: every deploy/overlays/*; rendered YAML in deploy/.rendered/)
set -euo pipefail
overlays=()
for arg in "$@"; do overlays+=("$(realpath "$arg")"); done   # before the cd below
cd "$(dirname "${BASH_SOURCE[0]}")"

command -v node >/dev/null || { echo "validate.sh: node (>= 18) is required" >&2; exit 1; }
command -v kubectl >/dev/null || { echo "validate.sh: kubectl (>= 1.27) is required, for kubectl kustomize" >&2; exit 1; }

# Install the npm dependencies from package-lock.json when it changed since the last install.
stamp=validate/node_modules/.package-lock.json.installed
if ! cmp -s validate/package-lock.json "$stamp" 2>/dev/null; then
  echo "validate.sh: installing npm dependencies (npm ci)"
  (cd validate && npm ci --no-audit --no-fund --loglevel=error)
  cp validate/package-lock.json "$stamp"
fi

if [ "${#overlays[@]}" -eq 0 ]; then
  overlays=(overlays/*/)
fi
echo "validate.sh: $(kubectl version --client 2>/dev/null | tr '\n' ' ')"
rm -rf .rendered
node validate/check.mjs --out .rendered "${overlays[@]}"
