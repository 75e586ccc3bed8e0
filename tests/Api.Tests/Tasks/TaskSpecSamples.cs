namespace Overseer.Api.Tests.Tasks;

/// <summary>Valid task specs, the seeds that the bad-input properties mutate.</summary>
internal static class TaskSpecSamples
{
    public static readonly string[] Json =
    [
        """{"name":"hello","command":["true"]}""",
        """
        {"name":"full","image":"busybox:1.36","command":["sh","-c"],"args":["echo $GREETING"],"env":{"GREETING":"hi","EMPTY":""},
         "workingDir":"/tmp","timeoutSeconds":30,"retries":2,"backoff":{"initialSeconds":1,"factor":2,"maxSeconds":10},
         "labels":{"team":"data","app.kubernetes.io/name":"etl"},"annotations":{"note":"free text é"},
         "resources":{"requests":{"cpu":"100m","memory":"64Mi"},"limits":{"memory":"128Mi"}},
         "nodeSelector":{"disk":"ssd"},"tolerations":[{"key":"dedicated","operator":"Equal","value":"batch","effect":"NoSchedule"},
         {"operator":"Exists","effect":"NoExecute","tolerationSeconds":30}]}
        """,
    ];

    public static readonly string[] Yaml =
    [
        "name: hello\ncommand: [\"true\"]\n",
        """
        name: full
        image: busybox:1.36
        command: [sh, -c]
        args:
          - echo $GREETING
        env:
          GREETING: hi
          COUNT: 3
        timeoutSeconds: 30
        retries: 2
        backoff: {initialSeconds: 1, factor: 2, maxSeconds: 10}
        labels: {team: data}
        annotations:
          note: |
            several
            lines
        resources:
          requests: {cpu: 100m, memory: 64Mi}
        tolerations:
          - {key: dedicated, operator: Equal, value: batch, effect: NoSchedule}

        """,
    ];
}
