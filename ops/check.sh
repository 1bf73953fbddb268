#!/usr/bin/env bash
# Checks the deployment artefacts: generated files up to date, the ops
# generator typed and linted, the Helm chart linted and rendered in every
# shape (defaults, Gateway API + mTLS + KEDA + monitoring, ingress-nginx,
# TLS passthrough), configuration mistakes refused, the k8s/ manifests
# parsed, the alert rules checked and unit-tested with promtool, and the
# image entry point's dispatch.
#
#   bash ops/check.sh
#
# Installs what it lacks: helm through the Go module proxy into
# .stack/bin (HELM_VERSION, default below), promtool from Debian's
# `prometheus` package, node_modules with npm ci.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
HELM_VERSION="${HELM_VERSION:-v3.22.0}"
CHART=helm/wapipe
export PATH="$ROOT/.stack/bin:$ROOT/node_modules/.bin:$PATH"

started=$SECONDS
passed=0
failed=0
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

step() { printf '\n== %s\n' "$1"; }
ok() { passed=$((passed + 1)); printf 'ok   %s\n' "$1"; }
bad() { failed=$((failed + 1)); printf 'FAIL %s\n' "$1"; }
# Runs a command; its output is shown only when it fails.
check() {
  local name="$1"
  shift
  if "$@" >"$work/out" 2>&1; then ok "$name"; else cat "$work/out"; bad "$name"; fi
}
# The command must fail and say `expected` (a refused configuration).
refuses() {
  local name="$1" expected="$2"
  shift 2
  if "$@" >"$work/out" 2>&1; then
    bad "$name (rendered, should have been refused)"
  elif grep -q -- "$expected" "$work/out"; then
    ok "$name"
  else
    cat "$work/out"
    bad "$name (refused for another reason)"
  fi
}

install_tools() {
  step 'tools'
  if ! command -v helm >/dev/null; then
    local t0=$SECONDS
    mkdir -p "$ROOT/.stack/bin"
    GOBIN="$ROOT/.stack/bin" GOFLAGS=-buildvcs=false \
      go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
    echo "helm $HELM_VERSION installed in $((SECONDS - t0)) s"
  fi
  if ! command -v promtool >/dev/null; then
    local t0=$SECONDS
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends prometheus >/dev/null
    echo "promtool installed in $((SECONDS - t0)) s"
  fi
  if [ ! -x node_modules/.bin/node ]; then
    npm ci --no-audit --no-fund
  fi
  helm version --short
  promtool --version | head -1
  node --version
}

generated() {
  step 'generated files'
  check 'ops:check (dashboards, rules, topics, ENVIRONMENT.md)' npm run -s ops:check
  check 'ops/ type-checks' tsc -p ops/tsconfig.json
  check 'ops/ lints' eslint --max-warnings=0 ops
  check 'prettier (helm/, k8s/, ops/)' prettier --check helm k8s ops
}

# A throwaway CA, as the operator's Meta bundle would be.
make_ca() {
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$work/ca.key" -out "$work/ca.pem" -days 30 \
    -subj '/CN=wapipe check CA' 2>/dev/null
}

chart() {
  step 'chart'
  make_ca
  local ca=(--set-file "mtls.caBundle.pem=$work/ca.pem")
  check 'helm lint (defaults)' helm lint --strict "$CHART"
  check 'helm template (defaults)' \
    sh -c "helm template wapipe $CHART -n wapipe > '$work/defaults.yaml'"
  for values in ops/chart-values/*.yaml; do
    local name
    name="$(basename "$values" .yaml)"
    check "helm lint ($name)" helm lint --strict "$CHART" -f "$values" "${ca[@]}"
    check "helm template ($name)" sh -c \
      "helm template wapipe $CHART -n wapipe -f $values --set-file mtls.caBundle.pem=$work/ca.pem > '$work/$name.yaml'"
  done
  expect_kinds
  refuses 'mTLS without a CA bundle is refused' "needs Meta's CA bundle" \
    helm template wapipe "$CHART" --set mtls.enabled=true \
    --set edge.ingressNginx.enabled=true
  refuses 'CN check with nothing forwarding the subject is refused' \
    'nothing terminates mTLS' \
    helm template wapipe "$CHART" --set mtls.enabled=true "${ca[@]}"
  refuses 's3 storage without a bucket is refused' 'needs mediaFetcher.storage.s3.bucket' \
    helm template wapipe "$CHART" --set mediaFetcher.storage.type=s3
  refuses 'two edges at once are refused' 'not both' \
    helm template wapipe "$CHART" --set edge.gatewayApi.enabled=true \
    --set edge.ingressNginx.enabled=true
}

# The rendered "full" shape holds what the values ask for.
expect_kinds() {
  local full="$work/full.yaml"
  for kind in ScaledObject TriggerAuthentication ServiceMonitor PrometheusRule \
    HTTPRoute ClientTrafficPolicy HorizontalPodAutoscaler NetworkPolicy \
    PodDisruptionBudget; do
    check "full render has a $kind" grep -q "^kind: $kind\$" "$full"
  done
  check 'full render has 4 dashboards' \
    test "$(grep -c 'grafana_dashboard: "1"' "$full")" -eq 4
  check 'KEDA groups match the services (prefix included)' \
    grep -q 'consumerGroup: "staging.wapipe-media-fetcher"' "$full"
  check 'ingress-nginx render asks for the client certificate' \
    grep -q 'auth-tls-verify-client: "on"' "$work/ingress-nginx.yaml"
}

# Every k8s/ manifest parses: Helm refuses invalid YAML when it renders
# them as the templates of a scratch chart.
manifests() {
  step 'k8s manifests'
  local scratch="$work/k8s-chart"
  mkdir -p "$scratch/templates"
  printf 'apiVersion: v2\nname: k8s\nversion: 0.0.0\n' >"$scratch/Chart.yaml"
  find k8s -name '*.yaml' | while read -r file; do
    cp "$file" "$scratch/templates/$(echo "$file" | tr / _)"
  done
  check 'k8s/ manifests parse' sh -c "helm template k8s '$scratch' > '$work/k8s.yaml'"
  check 'a KafkaTopic for every topic' \
    test "$(grep -c '^kind: KafkaTopic$' "$work/k8s.yaml")" -eq \
    "$(grep -c "^  [a-zA-Z]*: 'whatsapp\." packages/contracts/src/topics.ts)"
}

# The PrometheusRule's groups as a plain rule file.
extract_rules() {
  awk 'found { sub(/^  /, ""); print } /^spec:$/ { found = 1 }'
}

rules() {
  step 'alert rules'
  helm template wapipe "$CHART" -f ops/chart-values/full.yaml \
    --set-file "mtls.caBundle.pem=$work/ca.pem" \
    --show-only templates/prometheusrule.yaml | extract_rules >"$work/full-rules.yaml"
  check 'promtool check rules (full values)' promtool check rules "$work/full-rules.yaml"
  mkdir -p "$work/test"
  helm template wapipe "$CHART" --set prometheusRule.enabled=true \
    --show-only templates/prometheusrule.yaml | extract_rules >"$work/test/rules.yaml"
  check 'promtool check rules (defaults)' promtool check rules "$work/test/rules.yaml"
  cp ops/alerts/alerts.test.yaml "$work/test/"
  check 'promtool test rules' promtool test rules "$work/test/alerts.test.yaml"
  dashboard_queries >"$work/dashboard-queries.yaml"
  check 'dashboard queries parse (as recording rules)' \
    promtool check rules "$work/dashboard-queries.yaml"
}

# Every dashboard query as a recording rule, Grafana variables filled in,
# so that promtool parses the PromQL.
dashboard_queries() {
  node --input-type=module -e '
    import { readFileSync, readdirSync } from "node:fs";
    const dir = "helm/wapipe/dashboards";
    const rules = [];
    for (const file of readdirSync(dir)) {
      const model = JSON.parse(readFileSync(`${dir}/${file}`, "utf8"));
      for (const panel of model.panels) {
        for (const target of panel.targets ?? []) {
          const expr = target.expr
            .replaceAll("$__rate_interval", "5m")
            .replaceAll("$namespace", "wapipe")
            .replaceAll("$job", ".+");
          rules.push({ record: `dashboard:query_${rules.length}`, expr });
        }
      }
    }
    console.log(JSON.stringify({ groups: [{ name: "dashboards", rules }] }));
  '
}

entrypoint() {
  step 'image entry point'
  local ep=ops/container/entrypoint.sh
  check 'entrypoint.sh parses' sh -n "$ep"
  refuses 'unknown service is refused' "unknown service 'gateway'" \
    env SERVICE=gateway sh "$ep"
  refuses 'no service is refused' 'name a service' env -u SERVICE sh "$ep"
  check 'other commands run as given' sh -c "sh $ep true"
}

install_tools
generated
chart
manifests
rules
entrypoint

printf '\nops/check.sh took %d s\n' "$((SECONDS - started))"
echo "ops: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
