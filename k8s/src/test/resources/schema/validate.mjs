// Validates Kubernetes objects against the JSON schemas shipped in the kubernetes-models packages.
// Input: a JSON file holding [{source, doc}]; output (stdout): {validated, unchecked, errors}.
// Kinds without a models package (Strimzi's) are reported as unchecked, never silently passed.
import { readFileSync } from "node:fs";

const PACKAGES = {
  "keda.sh": "@kubernetes-models/keda/keda.sh",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator/monitoring.coreos.com",
};

function modulePath(apiVersion, kind) {
  const slash = apiVersion.indexOf("/");
  if (slash < 0) return `kubernetes-models/${apiVersion}/${kind}`; // core group: "v1"
  const group = apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  if (PACKAGES[group]) return `${PACKAGES[group]}/${version}/${kind}`;
  if (!group.includes(".") || group.endsWith(".k8s.io")) return `kubernetes-models/${group}/${version}/${kind}`;
  return null;
}

const items = JSON.parse(readFileSync(process.argv[2], "utf8"));
const result = { validated: [], unchecked: [], errors: [] };
for (const { source, doc } of items) {
  const id = `${source}: ${doc.kind}/${doc.metadata?.name}`;
  const path = modulePath(doc.apiVersion, doc.kind);
  if (!path) { result.unchecked.push(id); continue; }
  let Model;
  try {
    Model = (await import(path))[doc.kind];
  } catch (e) {
    result.errors.push({ id, message: `no model for ${doc.apiVersion} ${doc.kind}: ${e.message}` });
    continue;
  }
  try {
    new Model(doc).validate();
    result.validated.push(id);
  } catch (e) {
    result.errors.push({ id, message: e.message });
  }
}
console.log(JSON.stringify(result));
