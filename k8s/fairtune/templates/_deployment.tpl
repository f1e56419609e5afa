{{/*
One Deployment shape for the three Quarkus services. Call with a dict:
  ctx, component, svc (the component's values), replicas ("" when an autoscaler owns them), strategy,
  image, env (YAML list text), volumes / volumeMounts (YAML list text), resources, nodeSelector,
  tolerations, runtimeClassName.
*/}}
{{- define "fairtune.deployment" -}}
{{- $ctx := .ctx -}}
{{- $svc := .svc -}}
{{- $sel := dict "ctx" $ctx "component" .component -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "fairtune.componentName" $sel }}
  namespace: {{ $ctx.Release.Namespace | quote }}
  labels:
    {{- include "fairtune.componentLabels" $sel | nindent 4 }}
  {{- with (include "fairtune.annotations" $ctx) }}{{ . | trim | nindent 2 }}{{- end }}
spec:
  {{- if ne (toString .replicas) "" }}
  replicas: {{ .replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    {{- toYaml .strategy | nindent 4 }}
  selector:
    matchLabels:
      {{- include "fairtune.selectorLabels" $sel | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "fairtune.componentLabels" $sel | nindent 8 }}
        {{- with $svc.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        # Roll the pods when the shared non-secret settings change.
        checksum/config: {{ include (print $ctx.Template.BasePath "/configmap.yaml") $ctx | sha256sum }}
        {{- with $svc.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "fairtune.serviceAccountName" $ctx }}
      automountServiceAccountToken: {{ $ctx.Values.serviceAccount.automountServiceAccountToken }}
      {{- with (include "fairtune.imagePullSecrets" $ctx) }}{{ . | trim | nindent 6 }}{{- end }}
      {{- with (include "fairtune.podSecurityContext" $ctx) }}{{ . | trim | nindent 6 }}{{- end }}
      {{- with .runtimeClassName }}
      runtimeClassName: {{ . }}
      {{- end }}
      terminationGracePeriodSeconds: {{ $svc.terminationGracePeriodSeconds }}
      {{- with .nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $svc.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .component }}
          image: {{ .image | quote }}
          imagePullPolicy: {{ $ctx.Values.image.pullPolicy }}
          {{- with (include "fairtune.containerSecurityContext" $ctx) }}{{ . | trim | nindent 10 }}{{- end }}
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
          envFrom:
            {{- include "fairtune.commonEnvFrom" $ctx | nindent 12 }}
          env:
            - name: JAVA_TOOL_OPTIONS
              value: {{ $svc.javaOpts | quote }}
            {{- with (include "fairtune.kafka.secretEnv" $ctx) }}{{ . | trim | nindent 12 }}{{- end }}
            {{- with .env }}
            {{- . | nindent 12 }}
            {{- end }}
            {{- with $ctx.Values.config.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
            {{- with $svc.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          {{- with $svc.startupProbe }}
          startupProbe:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          {{- with $svc.livenessProbe }}
          livenessProbe:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          {{- with $svc.readinessProbe }}
          readinessProbe:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          resources:
            {{- toYaml .resources | nindent 12 }}
          volumeMounts:
            {{- include "fairtune.dataVolumeMounts" $ctx | nindent 12 }}
            {{- with (include "fairtune.kafka.tlsVolumeMount" $ctx) }}{{ . | trim | nindent 12 }}{{- end }}
            {{- with .volumeMounts }}
            {{- . | nindent 12 }}
            {{- end }}
      volumes:
        {{- include "fairtune.dataVolume" $ctx | nindent 8 }}
        {{- with (include "fairtune.kafka.tlsVolume" $ctx) }}{{ . | trim | nindent 8 }}{{- end }}
        {{- with .volumes }}
        {{- . | nindent 8 }}
        {{- end }}
{{- end -}}

{{/* ClusterIP Service in front of a component's HTTP port (REST API, health, metrics). */}}
{{- define "fairtune.service" -}}
{{- $sel := dict "ctx" .ctx "component" .component -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "fairtune.componentName" $sel }}
  namespace: {{ .ctx.Release.Namespace | quote }}
  labels:
    {{- include "fairtune.componentLabels" $sel | nindent 4 }}
  {{- with .annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ .type | default "ClusterIP" }}
  selector:
    {{- include "fairtune.selectorLabels" $sel | nindent 4 }}
  ports:
    - name: http
      port: {{ .port }}
      targetPort: http
      protocol: TCP
{{- end -}}

{{- define "fairtune.pdb" -}}
{{- $sel := dict "ctx" .ctx "component" .component -}}
{{- if .svc.pdb.create }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "fairtune.componentName" $sel }}
  namespace: {{ .ctx.Release.Namespace | quote }}
  labels:
    {{- include "fairtune.componentLabels" $sel | nindent 4 }}
spec:
  maxUnavailable: {{ .svc.pdb.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "fairtune.selectorLabels" $sel | nindent 6 }}
{{- end }}
{{- end -}}

{{/* CPU HorizontalPodAutoscaler. */}}
{{- define "fairtune.hpa" -}}
{{- $sel := dict "ctx" .ctx "component" .component -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "fairtune.componentName" $sel }}
  namespace: {{ .ctx.Release.Namespace | quote }}
  labels:
    {{- include "fairtune.componentLabels" $sel | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "fairtune.componentName" $sel }}
  minReplicas: {{ .svc.autoscaling.minReplicas }}
  maxReplicas: {{ .svc.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .svc.autoscaling.targetCPU }}
{{- end -}}
