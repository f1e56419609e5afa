{{/* vim: set filetype=mustache: */}}

{{- define "fairtune.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Fully qualified app name, truncated to leave room for "-<component>" suffixes within 63 characters.
*/}}
{{- define "fairtune.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "fairtune.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Name of a component's objects: <fullname>-<component>. Call with (dict "ctx" $ "component" "trainer"). */}}
{{- define "fairtune.componentName" -}}
{{- printf "%s-%s" (include "fairtune.fullname" .ctx) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "fairtune.labels" -}}
helm.sh/chart: {{ include "fairtune.chart" . }}
app.kubernetes.io/name: {{ include "fairtune.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: fairtune
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Labels of one component. Call with (dict "ctx" $ "component" "trainer"). */}}
{{- define "fairtune.componentLabels" -}}
{{ include "fairtune.labels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "fairtune.selectorLabels" -}}
app.kubernetes.io/name: {{ include "fairtune.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "fairtune.annotations" -}}
{{- with .Values.commonAnnotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "fairtune.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "fairtune.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
Image reference of a service. Call with (dict "ctx" $ "image" .Values.optimizer.image "suffix" "").
A digest wins over tag and suffix.
*/}}
{{- define "fairtune.image" -}}
{{- $registry := .ctx.Values.image.registry -}}
{{- $repo := .image.repository -}}
{{- $ref := ternary $repo (printf "%s/%s" $registry $repo) (empty $registry) -}}
{{- if .image.digest -}}
{{- printf "%s@%s" $ref .image.digest -}}
{{- else -}}
{{- $tag := .image.tag | default .ctx.Values.image.tag | default .ctx.Chart.AppVersion | toString -}}
{{- if .suffix -}}
{{- printf "%s:%s-%s" $ref $tag .suffix -}}
{{- else -}}
{{- printf "%s:%s" $ref $tag -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Trainer image variant: cuda on GPU nodes, cpu elsewhere, unless set explicitly. */}}
{{- define "fairtune.trainer.variant" -}}
{{- if .Values.trainer.image.variant -}}
{{- .Values.trainer.image.variant -}}
{{- else -}}
{{- ternary "cuda" "cpu" .Values.trainer.gpu.enabled -}}
{{- end -}}
{{- end -}}

{{/* ------------------------------------------------------------------ Kafka wiring */}}

{{- define "fairtune.strimzi.clusterName" -}}
{{- default (printf "%s-kafka" (include "fairtune.fullname" .)) .Values.strimzi.clusterName | trunc 52 | trimSuffix "-" -}}
{{- end -}}

{{- define "fairtune.strimzi.scram" -}}
{{- if and .Values.strimzi.enabled (eq .Values.strimzi.authentication "scram-sha-512") -}}true{{- end -}}
{{- end -}}

{{- define "fairtune.kafka.bootstrapServers" -}}
{{- if .Values.strimzi.enabled -}}
{{- printf "%s-kafka-bootstrap:%s" (include "fairtune.strimzi.clusterName" .) (ternary "9093" "9092" (eq (include "fairtune.strimzi.scram" .) "true")) -}}
{{- else -}}
{{- required "kafka.bootstrapServers is required when strimzi.enabled=false" .Values.kafka.bootstrapServers -}}
{{- end -}}
{{- end -}}

{{- define "fairtune.kafka.saslEnabled" -}}
{{- if or (eq (include "fairtune.strimzi.scram" .) "true") (and (not .Values.strimzi.enabled) .Values.kafka.sasl.enabled) -}}true{{- end -}}
{{- end -}}

{{- define "fairtune.kafka.tlsEnabled" -}}
{{- if or (eq (include "fairtune.strimzi.scram" .) "true") (and (not .Values.strimzi.enabled) .Values.kafka.tls.enabled) -}}true{{- end -}}
{{- end -}}

{{- define "fairtune.kafka.saslMechanism" -}}
{{- if .Values.strimzi.enabled -}}SCRAM-SHA-512{{- else -}}{{ .Values.kafka.sasl.mechanism }}{{- end -}}
{{- end -}}

{{- define "fairtune.kafka.securityProtocol" -}}
{{- $sasl := eq (include "fairtune.kafka.saslEnabled" .) "true" -}}
{{- $tls := eq (include "fairtune.kafka.tlsEnabled" .) "true" -}}
{{- if and $sasl $tls -}}SASL_SSL{{- else if $sasl -}}SASL_PLAINTEXT{{- else if $tls -}}SSL{{- else -}}PLAINTEXT{{- end -}}
{{- end -}}

{{/* Secret that holds the SASL username; with Strimzi the chart's own Secret carries the KafkaUser name. */}}
{{- define "fairtune.kafka.credentialsSecret" -}}
{{- if and (not .Values.strimzi.enabled) .Values.kafka.sasl.existingSecret -}}
{{- .Values.kafka.sasl.existingSecret -}}
{{- else -}}
{{- printf "%s-kafka" (include "fairtune.fullname" .) -}}
{{- end -}}
{{- end -}}

{{- define "fairtune.kafka.usernameKey" -}}
{{- if .Values.strimzi.enabled -}}username{{- else -}}{{ .Values.kafka.sasl.usernameKey }}{{- end -}}
{{- end -}}

{{/* Secret that holds the SASL password: the Strimzi User Operator writes it into a Secret named after the KafkaUser. */}}
{{- define "fairtune.kafka.passwordSecret" -}}
{{- if .Values.strimzi.enabled -}}
{{- .Values.strimzi.userName -}}
{{- else -}}
{{- include "fairtune.kafka.credentialsSecret" . -}}
{{- end -}}
{{- end -}}

{{- define "fairtune.kafka.passwordKey" -}}
{{- if .Values.strimzi.enabled -}}password{{- else -}}{{ .Values.kafka.sasl.passwordKey }}{{- end -}}
{{- end -}}

{{- define "fairtune.kafka.truststoreType" -}}
{{- if .Values.strimzi.enabled -}}PEM{{- else -}}{{ .Values.kafka.tls.truststoreType }}{{- end -}}
{{- end -}}

{{/* Secret with the CA (ca.crt, PEM) or truststore; Strimzi's cluster CA Secret when Strimzi runs Kafka. */}}
{{- define "fairtune.kafka.tlsSecret" -}}
{{- if .Values.strimzi.enabled -}}
{{- printf "%s-cluster-ca-cert" (include "fairtune.strimzi.clusterName" .) -}}
{{- else if .Values.kafka.tls.existingSecret -}}
{{- .Values.kafka.tls.existingSecret -}}
{{- else -}}
{{- printf "%s-kafka-tls" (include "fairtune.fullname" .) -}}
{{- end -}}
{{- end -}}

{{- define "fairtune.kafka.truststoreFile" -}}
{{- if eq (include "fairtune.kafka.truststoreType" .) "PEM" -}}ca.crt{{- else -}}truststore{{- end -}}
{{- end -}}

{{- define "fairtune.kafka.tlsMountPath" -}}/etc/fairtune/kafka-tls{{- end -}}

{{/*
Secret-backed Kafka environment. The JAAS line is assembled by the kubelet from the two variables
defined before it, so no credential is ever written into a ConfigMap or the pod spec.
Quarkus maps every KAFKA_* variable onto the kafka.* client properties.
*/}}
{{- define "fairtune.kafka.secretEnv" -}}
{{- if eq (include "fairtune.kafka.saslEnabled" .) "true" }}
- name: FAIRTUNE_KAFKA_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ include "fairtune.kafka.credentialsSecret" . }}
      key: {{ include "fairtune.kafka.usernameKey" . }}
- name: FAIRTUNE_KAFKA_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "fairtune.kafka.passwordSecret" . }}
      key: {{ include "fairtune.kafka.passwordKey" . }}
- name: KAFKA_SASL_JAAS_CONFIG
  value: 'org.apache.kafka.common.security.scram.ScramLoginModule required username="$(FAIRTUNE_KAFKA_USERNAME)" password="$(FAIRTUNE_KAFKA_PASSWORD)";'
{{- end }}
{{- if and (eq (include "fairtune.kafka.tlsEnabled" .) "true") (ne (include "fairtune.kafka.truststoreType" .) "PEM") }}
- name: KAFKA_SSL_TRUSTSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "fairtune.kafka.tlsSecret" . }}
      key: truststore-password
{{- end }}
{{- end -}}

{{- define "fairtune.kafka.tlsVolume" -}}
{{- if eq (include "fairtune.kafka.tlsEnabled" .) "true" }}
- name: kafka-tls
  secret:
    secretName: {{ include "fairtune.kafka.tlsSecret" . }}
    items:
      - key: {{ include "fairtune.kafka.truststoreFile" . }}
        path: {{ include "fairtune.kafka.truststoreFile" . }}
{{- end }}
{{- end -}}

{{- define "fairtune.kafka.tlsVolumeMount" -}}
{{- if eq (include "fairtune.kafka.tlsEnabled" .) "true" }}
- name: kafka-tls
  mountPath: {{ include "fairtune.kafka.tlsMountPath" . }}
  readOnly: true
{{- end }}
{{- end -}}

{{/* ------------------------------------------------------------------ PostgreSQL wiring */}}

{{- define "fairtune.postgresql.secretName" -}}
{{- default (printf "%s-postgresql" (include "fairtune.fullname" .)) .Values.postgresql.auth.existingSecret -}}
{{- end -}}

{{- define "fairtune.postgresql.jdbcUrl" -}}
{{- default (printf "jdbc:postgresql://%s:%v/%s" .Values.postgresql.host .Values.postgresql.port .Values.postgresql.database) .Values.postgresql.jdbcUrl -}}
{{- end -}}

{{/* ------------------------------------------------------------------ Pod building blocks */}}

{{- define "fairtune.podSecurityContext" -}}
{{- if .Values.podSecurityContext.enabled }}
securityContext:
  {{- omit .Values.podSecurityContext "enabled" | toYaml | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "fairtune.containerSecurityContext" -}}
{{- if .Values.containerSecurityContext.enabled }}
securityContext:
  {{- omit .Values.containerSecurityContext "enabled" | toYaml | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "fairtune.imagePullSecrets" -}}
{{- with .Values.image.pullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
{{- end -}}

{{/* Environment common to every service container. */}}
{{- define "fairtune.commonEnvFrom" -}}
- configMapRef:
    name: {{ include "fairtune.fullname" . }}-config
{{- end -}}

{{- define "fairtune.dataVolume" -}}
- name: data
{{- if .Values.data.persistence.enabled }}
  persistentVolumeClaim:
    claimName: {{ include "fairtune.claimName" (dict "ctx" . "suffix" "data" "claim" .Values.data.persistence) }}
    readOnly: true
{{- else }}
  emptyDir: {}
{{- end }}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpVolume.sizeLimit }}
{{- end -}}

{{- define "fairtune.dataVolumeMounts" -}}
- name: data
  mountPath: {{ .Values.data.mountPath }}
  readOnly: true
- name: tmp
  mountPath: /tmp
{{- end -}}

{{/* Name of a volume claim: the existing one the user named, else the chart's <fullname>-<suffix>.
     Call with a dict: ctx, suffix, claim (values with existingClaim). */}}
{{- define "fairtune.claimName" -}}
{{- default (printf "%s-%s" (include "fairtune.fullname" .ctx) .suffix) .claim.existingClaim -}}
{{- end -}}

{{/* A PersistentVolumeClaim the chart creates. Call with a dict: ctx, suffix, claim (values with accessModes,
     storageClass, size, annotations). Kept on uninstall: it holds what the services cannot make again. */}}
{{- define "fairtune.pvc" -}}
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: {{ include "fairtune.claimName" . }}
  namespace: {{ .ctx.Release.Namespace | quote }}
  labels:
    {{- include "fairtune.labels" .ctx | nindent 4 }}
  annotations:
    helm.sh/resource-policy: keep
    {{- with .claim.annotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  accessModes:
    {{- toYaml .claim.accessModes | nindent 4 }}
  {{- with .claim.storageClass }}
  storageClassName: {{ . | quote }}
  {{- end }}
  resources:
    requests:
      storage: {{ .claim.size }}
{{- end -}}

{{/* The most trainer pods that may run at once: the autoscaler's maximum, else the fixed count. */}}
{{- define "fairtune.trainer.most" -}}
{{- $t := .Values.trainer -}}
{{- ternary (int $t.autoscaling.maxReplicas) (int $t.replicaCount) $t.autoscaling.enabled -}}
{{- end -}}

{{/* Seconds a trainer needs after its drain to hand its trial back: it stops the trial between two steps (it
     waits up to 10 s for that) and, with checkpoints, keeps the step it stopped at; then its consumers leave the
     group, committing what was acknowledged, and the JVM exits. */}}
{{- define "fairtune.trainer.handBackSeconds" -}}20{{- end -}}

{{/* Fails the render when more consumers than partitions were asked for (the extra pods would sit idle). */}}
{{- define "fairtune.validatePartitions" -}}
{{- $p := int .Values.topics.partitions -}}
{{- $trainers := int (include "fairtune.trainer.most" .) -}}
{{- if gt $trainers $p -}}
{{- fail (printf "topics.partitions (%d) must be >= the most trainers (%d): a trainer without a partition of %s never gets a trial" $p $trainers .Values.topics.names.proposed) -}}
{{- end -}}
{{- $e := .Values.evaluator -}}
{{- $evaluators := ternary (int $e.autoscaling.maxReplicas) (int $e.replicaCount) $e.autoscaling.enabled -}}
{{- if gt $evaluators $p -}}
{{- fail (printf "topics.partitions (%d) must be >= the most evaluators (%d)" $p $evaluators) -}}
{{- end -}}
{{- end -}}

{{/*
Fails the render on trainer settings that would stop a trainer in the middle of a trial without handing it back:
the grace period must outlast the drain plus the hand-back; KEDA must ask for at least one trainer per trial queued
or in progress (a trainer acknowledges a proposal only once its result is published, so a trial in progress
counts 1 in the group's lag, and KEDA asks for ceil(lag / lagThreshold) pods); a CPU autoscaler must not own GPU
trainers; checkpoints shared by several trainers need a ReadWriteMany volume.
*/}}
{{- define "fairtune.validateTrainer" -}}
{{- $t := .Values.trainer -}}
{{- $a := $t.autoscaling -}}
{{- $grace := int $t.terminationGracePeriodSeconds -}}
{{- $drain := int $t.drainSeconds -}}
{{- $handBack := int (include "fairtune.trainer.handBackSeconds" .) -}}
{{- if gt (add $drain $handBack) $grace -}}
{{- fail (printf "trainer.terminationGracePeriodSeconds (%d) must be >= trainer.drainSeconds (%d) + %d: the pod would be killed while it drains or hands its trial back, before its consumers leave the group, and the trial would wait for the consumer session timeout instead of moving at once" $grace $drain $handBack) -}}
{{- end -}}
{{- if and $a.enabled $a.keda.enabled -}}
{{- if ne (int $a.keda.lagThreshold) 1 -}}
{{- fail (printf "trainer.autoscaling.keda.lagThreshold must be 1, not %v: a trainer runs one trial at a time and each trial queued or in progress counts 1 in the lag, so a larger threshold asks for fewer trainers than the trials in progress and KEDA would stop busy trainers" $a.keda.lagThreshold) -}}
{{- end -}}
{{- if ne (int $a.keda.activationLagThreshold) 0 -}}
{{- fail (printf "trainer.autoscaling.keda.activationLagThreshold must be 0, not %v: KEDA would scale to zero (or stay there) while up to %v trials are queued or in progress, and no trainer would ever run them" $a.keda.activationLagThreshold $a.keda.activationLagThreshold) -}}
{{- end -}}
{{- else if $a.enabled -}}
{{- if $t.gpu.enabled -}}
{{- fail "trainer.autoscaling without trainer.autoscaling.keda.enabled scales GPU trainers on CPU use, which says nothing about the trials they run: the HorizontalPodAutoscaler would stop trainers in the middle of a trial. Set trainer.autoscaling.keda.enabled=true (KEDA on the trainers' consumer lag), or turn autoscaling off and set trainer.replicaCount" -}}
{{- end -}}
{{- if lt (int $a.minReplicas) 1 -}}
{{- fail "trainer.autoscaling.minReplicas 0 needs trainer.autoscaling.keda.enabled=true: a HorizontalPodAutoscaler cannot scale to zero, and could not wake the trainers when proposals arrive" -}}
{{- end -}}
{{- end -}}
{{- $c := $t.checkpoints -}}
{{- $trainers := int (include "fairtune.trainer.most" .) -}}
{{- if and $c.enabled (not $c.existingClaim) (gt $trainers 1) (not (has "ReadWriteMany" $c.accessModes)) -}}
{{- fail (printf "trainer.checkpoints.accessModes must include ReadWriteMany when more than one trainer may run (up to %d here): a trial handed back by one trainer resumes on another, which must read and write the same checkpoint volume at the same time" $trainers) -}}
{{- end -}}
{{- end -}}

{{/* "--config k=v" arguments of kafka-topics.sh for topics.config. */}}
{{- define "fairtune.topicConfigArgs" -}}
{{- $args := list -}}
{{- range $k, $v := .Values.topics.config -}}
{{- $args = append $args (printf "--config %s=%v" $k $v) -}}
{{- end -}}
{{- join " " $args -}}
{{- end -}}

{{/* The TCP port of a URL: the explicit one, else 80 for http and 443 otherwise. */}}
{{- define "fairtune.urlPort" -}}
{{- $u := urlParse . -}}
{{- $port := regexFind ":[0-9]+$" $u.host | trimPrefix ":" -}}
{{- if $port }}{{ $port }}{{ else if eq $u.scheme "http" }}80{{ else }}443{{ end -}}
{{- end -}}
