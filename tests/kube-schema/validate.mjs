// Validates Kubernetes objects against the official OpenAPI schemas (through kubernetes-models).
//
//   node validate.mjs PATH...     PATH: a YAML file (one or more documents) or a directory of *.yaml files
//
// kustomization.yaml files are skipped (they are not Kubernetes objects; `kubectl kustomize` checks them).
// Exits 0 when every object is valid, 1 when any is invalid or has no known schema, 2 on usage errors.
// Note: these schemas check types, enums, formats and required fields; like the upstream OpenAPI documents they do
// not reject unknown field names.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { parseAllDocuments } from "yaml";

// apiVersion group -> module prefix. Core kinds live under "v1"; KEDA under its own package.
const packages = { "keda.sh": "@kubernetes-models/keda/keda.sh" };

async function modelFor(apiVersion, kind) {
  const slash = apiVersion.lastIndexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  const prefix = packages[group] ?? (group === "" ? "kubernetes-models" : `kubernetes-models/${group}`);
  try {
    const module = await import(`${prefix}/${version}/${kind}`);
    return module[kind];
  } catch {
    return undefined;
  }
}

function files(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => name.endsWith(".yaml") || name.endsWith(".yml"))
    .sort()
    .map((name) => join(path, name));
}

const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error("usage: node validate.mjs FILE_OR_DIR...");
  process.exit(2);
}

let valid = 0;
const problems = [];
for (const file of paths.flatMap(files)) {
  if (basename(file) === "kustomization.yaml") continue;
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length > 0) {
      problems.push(`${file}: not valid YAML: ${doc.errors[0].message}`);
      continue;
    }
    const object = doc.toJS();
    if (object === null || object === undefined) continue;
    const name = `${object.kind}/${object.metadata?.name}`;
    if (typeof object.apiVersion !== "string" || typeof object.kind !== "string") {
      problems.push(`${file}: missing apiVersion or kind`);
      continue;
    }
    const Model = await modelFor(object.apiVersion, object.kind);
    if (!Model) {
      problems.push(`${file}: ${name}: no schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
      valid++;
    } catch (error) {
      const details = error.errors?.map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ") ?? error.message;
      problems.push(`${file}: ${name}: ${details}`);
    }
  }
}

for (const problem of problems) console.error(problem);
console.log(`${valid} valid, ${problems.length} invalid`);
process.exit(problems.length === 0 ? 0 : 1);
