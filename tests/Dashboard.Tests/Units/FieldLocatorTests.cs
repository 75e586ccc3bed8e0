using Overseer.Dashboard.Submit;

namespace Overseer.Dashboard.Tests.Units;

public sealed class FieldLocatorTests
{
    private const string Yaml = """
        apiVersion: overseer.dev/v1
        kind: Workflow
        metadata: {name: nightly}
        spec:
          groups:
            - name: extract
              jobs:
                - name: users
                  command: [sh, -c, "echo"]
                - {name: orders, timeoutSeconds: 5000}
        """;

    [Theory]
    [InlineData("kind", 2)]
    [InlineData("metadata.name", 3)]
    [InlineData("spec.groups[0].name", 6)]
    [InlineData("spec.groups[0].jobs[0].name", 8)]
    [InlineData("spec.groups[0].jobs[0].command[2]", 9)]
    [InlineData("spec.groups[0].jobs[1].timeoutSeconds", 10)]
    [InlineData("spec.groups[0].jobs[1].task.env.X", 10)]
    public void Finds_the_line_of_a_field_or_of_its_nearest_parent(string field, int line) =>
        Assert.Equal(line, FieldLocator.Read(Yaml).LineOf(field, "is wrong"));

    [Fact]
    public void Reads_json_and_keys_with_dots()
    {
        var locator = FieldLocator.Read("{\n  \"name\": \"x\",\n  \"labels\": {\n    \"app.kubernetes.io/name\": \"y\"\n  }\n}");

        Assert.Equal(4, locator.LineOf("labels.app.kubernetes.io/name", ""));
        Assert.Equal(["name", "labels"], locator.TopLevelKeys);
    }

    [Fact]
    public void Broken_documents_yield_what_parsed_and_the_line_named_in_the_message()
    {
        var locator = FieldLocator.Read("name: ok\ncommand: [unclosed\n");

        Assert.Equal(1, locator.LineOf("name", ""));
        Assert.Equal(2, locator.LineOf("body", "not valid YAML at line 2, column 10: ..."));
        Assert.Null(locator.LineOf("body", "no line here"));
    }

    [Theory]
    [InlineData("apiVersion: overseer.dev/v1\nkind: Workflow\nmetadata: {name: x\nspec: {}\n")]
    [InlineData("a: [1, {b: }\n- c\n  ]]]")]
    [InlineData("}{][")]
    [InlineData("*unknown")]
    [InlineData("a: &x [*x]\nb: *x")]
    public void Any_text_reads_without_throwing(string text) => Assert.NotNull(FieldLocator.Read(text).TopLevelKeys);

    [Fact]
    public void Tasks_and_workflows_are_told_apart_by_their_top_level_keys()
    {
        Assert.True(SubmittedDocument.Of(Yaml, FieldLocator.Read(Yaml)).IsWorkflow);
        var task = SubmittedDocument.Of("{\"name\": \"t\", \"command\": [\"true\"]}", FieldLocator.Read("{\"name\": \"t\", \"command\": [\"true\"]}"));
        Assert.False(task.IsWorkflow);
        Assert.Equal("application/json", task.MediaType);
        Assert.Equal("application/yaml", SubmittedDocument.Of(Yaml, FieldLocator.Read(Yaml)).MediaType);
    }
}
