namespace Overseer.Testing.Conformance;

/// <summary>
/// Our own ManagedJob documents, each with the structure and every field of one upstream file of
/// lukaszraczylo/jobs-manager-operator (the file and commit are named on each). They are written here, not copied:
/// same groups, jobs, flags, dependencies and params; shorter commands.
/// </summary>
public static class ManagedJobFixtures
{
    /// <summary>
    /// Mirrors config/samples/jobsmanager_v1beta1_managedjob.yaml at 3c4f7a56c0be9650c792c337adf6ed00df288987, the seed's
    /// sample (same names, flags and params), written out in flow style.
    /// </summary>
    public const string Sample = """
        apiVersion: jobsmanager.raczylo.com/v1beta1
        kind: ManagedJob
        metadata: {name: managedjob-sample}
        spec:
          retries: 3
          params: {env: [{name: FOO, value: bar}, {name: QUE, value: pasa}]}
          groups:
            - name: first-group
              parallel: true
              params: {env: [{name: FEE, value: bee}]}
              jobs:
                - {name: first-job, image: busybox, args: [echo, "Hello world!"], params: {env: [{name: POO, value: paz}]}}
                - {name: second-job, image: busybox, args: [sleep, "10"]}
                - {name: second-half-job, image: busybox, args: [sleep, "10"]}
            - name: second-group
              parallel: true
              jobs:
                - {name: third-job, image: busybox, args: [echo, "Hello world!"], parallel: true}
                - {name: fourth-job, image: busybox, args: [sleep, "10"], parallel: false}
            - name: third-group
              parallel: false
              jobs:
                - {name: fifth-job, image: busybox, args: [echo, "Hello world!"], parallel: true}
        """;

    /// <summary>Mirrors config/samples/managedjob_quickstart.yaml at 5d066c1349e5a46dd7e0b42d6b5a55ed5e65a3b4.</summary>
    public const string Quickstart = """
        apiVersion: jobsmanager.raczylo.com/v1beta1
        kind: ManagedJob
        metadata:
          name: hello-world
        spec:
          retries: 1
          groups:
            - name: hello-group
              jobs:
                - name: say-hello
                  image: busybox:1.36
                  args: [echo, "Hello, World!"]
                - name: say-goodbye
                  image: busybox:1.36
                  args: [echo, "Goodbye, World!"]
                  dependencies:
                    - name: say-hello
                      status: succeeded
        """;

    /// <summary>Mirrors config/samples/managedjob_parallel_example.yaml at 5d066c1349e5a46dd7e0b42d6b5a55ed5e65a3b4.</summary>
    public const string Parallel = """
        apiVersion: jobsmanager.raczylo.com/v1beta1
        kind: ManagedJob
        metadata:
          name: parallel-demo
        spec:
          retries: 2
          params:
            env:
              - name: BATCH_ID
                value: "batch-001"
          groups:
            - name: preparation
              jobs:
                - name: prepare
                  image: busybox:1.36
                  args: [/bin/sh, -c, "echo preparing $BATCH_ID"]
            - name: processing
              parallel: true
              dependencies:
                - name: preparation
                  status: succeeded
              jobs:
                - {name: process-1, image: "busybox:1.36", parallel: true, args: [/bin/sh, -c, "echo chunk 1"]}
                - {name: process-2, image: "busybox:1.36", parallel: true, args: [/bin/sh, -c, "echo chunk 2"]}
                - {name: process-3, image: "busybox:1.36", parallel: true, args: [/bin/sh, -c, "echo chunk 3"]}
            - name: finalization
              dependencies:
                - name: processing
                  status: succeeded
              jobs:
                - name: finalize
                  image: busybox:1.36
                  args: [/bin/sh, -c, "echo batch $BATCH_ID finished"]
        """;

    /// <summary>
    /// Mirrors the ManagedJob of config/samples/managedjob_comprehensive_example.yaml at
    /// 5d066c1349e5a46dd7e0b42d6b5a55ed5e65a3b4 (the file's ConfigMap and Secret documents are left out: Overseer takes
    /// one document; locally they are files under configmaps/ and secrets/).
    /// </summary>
    public const string Comprehensive = """
        apiVersion: jobsmanager.raczylo.com/v1beta1
        kind: ManagedJob
        metadata:
          name: comprehensive-demo
          labels:
            app.kubernetes.io/name: comprehensive-demo
            app.kubernetes.io/component: demo
        spec:
          retries: 3
          params:
            env:
              - {name: GLOBAL_ENV, value: "available-in-all-jobs"}
              - {name: WORKFLOW_ID, value: "demo-workflow-001"}
            fromEnv:
              - configMapRef: {name: job-config}
            resources:
              requests: {memory: "64Mi", cpu: "50m"}
              limits: {memory: "128Mi", cpu: "100m"}
            labels:
              managed-by: jobs-manager-operator
              environment: demo
            annotations:
              prometheus.io/scrape: "false"
            restartPolicy: OnFailure
            imagePullPolicy: IfNotPresent
          groups:
            - name: setup-group
              parallel: false
              jobs:
                - name: init-job
                  image: busybox:1.36
                  args: [/bin/sh, -c, "echo $WORKFLOW_ID $GLOBAL_ENV $APP_NAME"]
                - name: validate-config
                  image: busybox:1.36
                  args: [/bin/sh, -c, "test -n \"$APP_NAME\" && test -n \"$LOG_LEVEL\""]
                  dependencies:
                    - {name: init-job, status: succeeded}
            - name: parallel-workers
              parallel: true
              dependencies:
                - {name: setup-group, status: succeeded}
              params:
                env:
                  - {name: GROUP_NAME, value: "parallel-workers"}
                  - {name: WORKER_MODE, value: "parallel"}
              jobs:
                - {name: worker-alpha, image: "busybox:1.36", parallel: true, args: [/bin/sh, -c, "echo $GROUP_NAME $WORKER_MODE"]}
                - name: worker-beta
                  image: busybox:1.36
                  parallel: true
                  args: [/bin/sh, -c, "echo beta"]
                  params:
                    env:
                      - {name: BETA_SPECIFIC, value: "only-in-worker-beta"}
                    resources:
                      requests: {memory: "32Mi", cpu: "25m"}
                      limits: {memory: "64Mi", cpu: "50m"}
                - {name: worker-gamma, image: "busybox:1.36", parallel: true, args: [/bin/sh, -c, "echo gamma"]}
            - name: aggregation-group
              parallel: false
              dependencies:
                - {name: parallel-workers, status: succeeded}
              params:
                env:
                  - {name: AGGREGATION_MODE, value: "combine-results"}
                volumes:
                  - name: config-volume
                    configMap: {name: job-config}
                volumeMounts:
                  - {name: config-volume, mountPath: /config, readOnly: true}
              jobs:
                - {name: aggregate-results, image: "busybox:1.36", args: [/bin/sh, -c, "echo $AGGREGATION_MODE"]}
            - name: notification-group
              parallel: false
              dependencies:
                - {name: aggregation-group, status: succeeded}
              params:
                fromEnv:
                  - secretRef: {name: job-secrets}
              jobs:
                - {name: send-notification, image: "busybox:1.36", args: [/bin/sh, -c, "echo $WORKFLOW_ID $APP_NAME"]}
        """;

    /// <summary>
    /// The quickstart as <c>kubectl get managedjob hello-world -o yaml</c> shows it once the operator ran it: what the
    /// API server adds to metadata, the CRD's defaults, the dependencies <c>generateDependencyTree</c> wrote back
    /// (generated job names, controllers/crd_dependency_tree.go at 53a96f9bb59a534dc8ed8ecea88231003be01b69), each
    /// job's and group's status and compiledParams, and the object's status.
    /// </summary>
    public const string QuickstartReadBack = """
        apiVersion: jobsmanager.raczylo.com/v1beta1
        kind: ManagedJob
        metadata:
          annotations:
            kubectl.kubernetes.io/last-applied-configuration: |
              {"apiVersion":"jobsmanager.raczylo.com/v1beta1","kind":"ManagedJob"}
          creationTimestamp: "2026-12-01T10:00:00Z"
          finalizers: [jobsmanager.raczylo.com/finalizer]
          generation: 3
          name: hello-world
          namespace: default
          resourceVersion: "48213"
          uid: 0b7e3c1a-5f0e-4f3e-9d7e-2f1c5f0d9a11
          managedFields:
            - {apiVersion: jobsmanager.raczylo.com/v1beta1, fieldsType: FieldsV1, manager: kubectl, operation: Update}
        spec:
          params: {}
          retries: 1
          groups:
            - name: hello-group
              parallel: false
              params: {}
              status: succeeded
              jobs:
                - name: say-hello
                  image: busybox:1.36
                  args: [echo, "Hello, World!"]
                  parallel: false
                  params: {}
                  compiledParams: {}
                  status: succeeded
                - name: say-goodbye
                  image: busybox:1.36
                  args: [echo, "Goodbye, World!"]
                  parallel: false
                  params: {}
                  compiledParams: {}
                  status: succeeded
                  dependencies:
                    - {name: say-hello, status: succeeded}
                    - {name: hello-world-hello-group-say-hello, status: succeeded}
        status: succeeded
        """;
}
