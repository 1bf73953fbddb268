{{/* Names, labels and lookups shared by every template. */}}

{{- define "wapipe.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "wapipe.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The four services, in pipeline order. */}}
{{- define "wapipe.services" -}}
ingress fanout processor media-fetcher
{{- end -}}

{{/* Values key of a service: media-fetcher -> mediaFetcher. */}}
{{- define "wapipe.valuesKey" -}}
{{- if eq . "media-fetcher" -}}mediaFetcher{{- else -}}{{ . }}{{- end -}}
{{- end -}}

{{- define "wapipe.componentName" -}}
{{- printf "%s-%s" (include "wapipe.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "wapipe.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "wapipe.labels" -}}
helm.sh/chart: {{ include "wapipe.chart" . }}
app.kubernetes.io/name: {{ include "wapipe.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: wapipe
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Call with (dict "root" $ "name" "ingress"). */}}
{{- define "wapipe.componentLabels" -}}
{{ include "wapipe.labels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "wapipe.selectorLabels" -}}
app.kubernetes.io/name: {{ include "wapipe.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "wapipe.image" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{- define "wapipe.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "wapipe.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Consumer group of a consumer service; the chart always sets it. */}}
{{- define "wapipe.consumerGroup" -}}
{{- $values := index .root.Values (include "wapipe.valuesKey" .name) -}}
{{- default (printf "%swapipe-%s" .root.Values.kafka.topicPrefix .name) $values.consumerGroup -}}
{{- end -}}

{{/* Secret names: an existing one, or the chart's own. */}}
{{- define "wapipe.ingressSecretName" -}}
{{- default (printf "%s-ingress" (include "wapipe.fullname" .)) .Values.ingress.secrets.existingSecret -}}
{{- end -}}

{{- define "wapipe.mediaFetcherSecretName" -}}
{{- default (printf "%s-media-fetcher" (include "wapipe.fullname" .)) .Values.mediaFetcher.secrets.existingSecret -}}
{{- end -}}

{{- define "wapipe.kafkaSaslSecretName" -}}
{{- default (printf "%s-kafka-sasl" (include "wapipe.fullname" .)) .Values.kafka.sasl.existingSecret -}}
{{- end -}}

{{- define "wapipe.clientCaSecretName" -}}
{{- default (printf "%s-meta-client-ca" (include "wapipe.fullname" .)) .Values.mtls.caBundle.existingSecret -}}
{{- end -}}

{{/* Namespace of the Gateway the route attaches to. */}}
{{- define "wapipe.gatewayNamespace" -}}
{{- $ref := first .Values.edge.gatewayApi.parentRefs | default dict -}}
{{- default .Release.Namespace $ref.namespace -}}
{{- end -}}

{{/* Is the client certificate subject forwarded to (or seen by) the pod? */}}
{{- define "wapipe.subjectForwarded" -}}
{{- if and .Values.edge.gatewayApi.enabled (eq .Values.edge.gatewayApi.mode "terminate") -}}true
{{- else if .Values.edge.ingressNginx.enabled -}}true
{{- else if .Values.ingress.tls.enabled -}}true
{{- end -}}
{{- end -}}

{{/* Configuration mistakes that would otherwise refuse every webhook. */}}
{{- define "wapipe.validate" -}}
{{- if and .Values.edge.gatewayApi.enabled .Values.edge.ingressNginx.enabled -}}
{{- fail "edge: enable gatewayApi or ingressNginx, not both" -}}
{{- end -}}
{{- if not (has .Values.edge.gatewayApi.mode (list "terminate" "passthrough")) -}}
{{- fail "edge.gatewayApi.mode must be terminate or passthrough" -}}
{{- end -}}
{{- if and .Values.edge.gatewayApi.enabled (eq .Values.edge.gatewayApi.mode "passthrough") (not .Values.ingress.tls.enabled) -}}
{{- fail "edge.gatewayApi.mode=passthrough needs ingress.tls.enabled: the pod terminates TLS" -}}
{{- end -}}
{{- if and .Values.ingress.tls.enabled (not .Values.ingress.tls.existingSecret) -}}
{{- fail "ingress.tls.enabled needs ingress.tls.existingSecret (a kubernetes.io/tls Secret)" -}}
{{- end -}}
{{- if .Values.mtls.enabled -}}
{{- if not (or .Values.mtls.caBundle.pem .Values.mtls.caBundle.existingSecret) -}}
{{- fail "mtls.enabled needs Meta's CA bundle: --set-file mtls.caBundle.pem=meta-outbound-api-ca-2025-12.pem or mtls.caBundle.existingSecret" -}}
{{- end -}}
{{- if and .Values.mtls.requireClientCertCn (not (include "wapipe.subjectForwarded" .)) -}}
{{- fail "mtls.requireClientCertCn is set but nothing terminates mTLS: enable edge.gatewayApi (terminate), edge.ingressNginx or ingress.tls, or clear requireClientCertCn" -}}
{{- end -}}
{{- end -}}
{{- if not (has .Values.mediaFetcher.storage.type (list "local" "s3")) -}}
{{- fail "mediaFetcher.storage.type must be local or s3" -}}
{{- end -}}
{{- if and (eq .Values.mediaFetcher.storage.type "s3") (not .Values.mediaFetcher.storage.s3.bucket) -}}
{{- fail "mediaFetcher.storage.type=s3 needs mediaFetcher.storage.s3.bucket" -}}
{{- end -}}
{{- if not .Values.kafka.brokers -}}
{{- fail "kafka.brokers needs at least one host:port" -}}
{{- end -}}
{{- end -}}
