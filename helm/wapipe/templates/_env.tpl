{{/*
Per-service environment. Plain values the chart owns are merged under the
service's `env` map (the map wins), then rendered in name order; values
from Secrets follow, then `extraEnv` as given.
Call with (dict "root" $ "name" "ingress").
*/}}

{{- define "wapipe.env" -}}
{{- $root := .root -}}
{{- $svc := index $root.Values (include "wapipe.valuesKey" .name) -}}
{{- $owned := include (printf "wapipe.env.%s" .name) . | fromYaml | default dict -}}
{{- $plain := merge (deepCopy ($svc.env | default dict)) $owned -}}
{{- range $key := keys $plain | sortAlpha }}
- name: {{ $key }}
  value: {{ index $plain $key | toString | quote }}
{{- end }}
{{- include "wapipe.secretEnv.kafka" $root }}
{{- include (printf "wapipe.secretEnv.%s" .name) . }}
{{- with $svc.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Plain values owned by the chart, as a YAML map. */}}

{{- define "wapipe.env.ingress" -}}
{{- $v := .root.Values -}}
PORT: {{ $v.ingress.port | int | quote }}
HOST: "0.0.0.0"
WEBHOOK_PATH: {{ $v.ingress.webhookPath | quote }}
{{- if and $v.mtls.enabled $v.mtls.requireClientCertCn }}
REQUIRE_CLIENT_CERT_CN: {{ $v.mtls.requireClientCertCn | quote }}
CLIENT_CERT_SUBJECT_HEADER: {{ $v.mtls.subjectHeader | quote }}
{{- end }}
{{- if include "wapipe.mountClientCa" .root }}
TLS_CLIENT_CA_FILE: /etc/wapipe/client-ca/ca.crt
{{- end }}
{{- if $v.ingress.tls.enabled }}
TLS_CERT_FILE: /etc/wapipe/tls/tls.crt
TLS_KEY_FILE: /etc/wapipe/tls/tls.key
{{- end }}
{{- end -}}

{{- define "wapipe.env.fanout" -}}
CONSUMER_GROUP: {{ include "wapipe.consumerGroup" . | quote }}
{{- end -}}

{{- define "wapipe.env.processor" -}}
CONSUMER_GROUP: {{ include "wapipe.consumerGroup" . | quote }}
{{- end -}}

{{- define "wapipe.env.media-fetcher" -}}
{{- $storage := .root.Values.mediaFetcher.storage -}}
CONSUMER_GROUP: {{ include "wapipe.consumerGroup" . | quote }}
MEDIA_STORAGE: {{ $storage.type | quote }}
{{- if eq $storage.type "local" }}
MEDIA_DIR: {{ $storage.local.mountPath | quote }}
{{- else }}
S3_BUCKET: {{ $storage.s3.bucket | quote }}
S3_REGION: {{ $storage.s3.region | quote }}
S3_FORCE_PATH_STYLE: {{ $storage.s3.forcePathStyle | quote }}
{{- with $storage.s3.endpoint }}
S3_ENDPOINT: {{ . | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Values from Secrets. */}}

{{- define "wapipe.secretRef" -}}
- name: {{ .key }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
      {{- if .optional }}
      optional: true
      {{- end }}
{{- end -}}

{{- define "wapipe.secretEnv.kafka" -}}
{{- if .Values.kafka.sasl.mechanism }}
{{- $secret := include "wapipe.kafkaSaslSecretName" . }}
{{ include "wapipe.secretRef" (dict "secret" $secret "key" "KAFKA_SASL_USERNAME") }}
{{ include "wapipe.secretRef" (dict "secret" $secret "key" "KAFKA_SASL_PASSWORD") }}
{{- end }}
{{- end -}}

{{- define "wapipe.secretEnv.redis" -}}
{{- with .Values.redis.existingSecret }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $.Values.redis.existingSecretKey }}
{{- end }}
{{- end -}}

{{- define "wapipe.secretEnv.ingress" -}}
{{- $secret := include "wapipe.ingressSecretName" .root }}
{{ include "wapipe.secretRef" (dict "secret" $secret "key" "APP_SECRETS") }}
{{ include "wapipe.secretRef" (dict "secret" $secret "key" "VERIFY_TOKEN" "optional" true) }}
{{- end -}}

{{- define "wapipe.secretEnv.fanout" -}}
{{- end -}}

{{- define "wapipe.secretEnv.processor" -}}
{{- include "wapipe.secretEnv.redis" .root }}
{{- end -}}

{{- define "wapipe.secretEnv.media-fetcher" -}}
{{- include "wapipe.secretEnv.redis" .root }}
{{- $secret := include "wapipe.mediaFetcherSecretName" .root }}
{{- range list "GRAPH_ACCESS_TOKEN" "GRAPH_ACCESS_TOKENS_BY_WABA" "S3_ACCESS_KEY_ID" "S3_SECRET_ACCESS_KEY" }}
{{ include "wapipe.secretRef" (dict "secret" $secret "key" . "optional" true) }}
{{- end }}
{{- end -}}

{{/* Mount Meta's CA bundle into the ingress pods? */}}
{{- define "wapipe.mountClientCa" -}}
{{- if and .Values.mtls.enabled (or .Values.mtls.exportExpiry .Values.ingress.tls.enabled) -}}true{{- end -}}
{{- end -}}
