using Custodian.Policy.Loading;
using FsCheck;
using FsCheck.Fluent;

namespace Custodian.Tests.Policy;

public sealed class CorruptFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("custodian-policy-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void An_empty_file_is_reported_as_empty()
    {
        var error = Assert.Single(PolicyYaml.Load("").Errors);

        Assert.Equal(("empty-file", 1L, 1L), (error.Rule, error.Line, error.Column));
    }

    [Fact]
    public void Malformed_yaml_gives_the_parser_position()
    {
        var result = PolicyYaml.Load(PolicyYaml.WithLine(2, "version: 1: 2"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("yaml-syntax", 2L), (error.Rule, error.Line));
        Assert.DoesNotContain("(Line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_flow_list_is_a_syntax_error_at_its_line_not_an_exception()
    {
        // YamlDotNet throws InvalidOperationException here rather than a YamlException.
        var result = PolicyYaml.Load(PolicyYaml.WithLine(21, "    items: [name"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("yaml-syntax", 21L), (error.Rule, error.Line));
    }

    [Theory]
    [InlineData("just some words")]
    [InlineData("- a\n- list")]
    [InlineData("[1, 2, 3]")]
    public void A_document_that_is_not_a_mapping_is_a_wrong_type(string yaml)
    {
        var error = Assert.Single(PolicyYaml.Load(yaml).Errors);

        Assert.Equal(("wrong-type", 1L, 1L), (error.Rule, error.Line, error.Column));
    }

    [Fact]
    public void Two_documents_in_one_file_are_refused()
    {
        var result = PolicyYaml.Load(PolicyYaml.Valid + "---\nid: other\n");

        Assert.Contains(result.Errors, e => e.Rule == "multiple-documents");
        Assert.Null(result.Policy);
    }

    [Fact]
    public void Binary_junk_is_reported_as_not_text()
    {
        var path = Path.Combine(folder, "junk.yaml");
        File.WriteAllBytes(path, [0x00, 0xFF, 0xFE, 0x80, 0x13, 0x37, 0xC3, 0x28]);

        var error = Assert.Single(PolicyLoader.LoadFile(path).Errors);

        Assert.Equal(("yaml-syntax", path), (error.Rule, error.File));
    }

    [Fact]
    public void A_missing_file_is_unreadable()
    {
        var error = Assert.Single(PolicyLoader.LoadFile(Path.Combine(folder, "absent.yaml")).Errors);

        Assert.Equal("unreadable-file", error.Rule);
    }

    [Fact]
    public void No_text_makes_the_loader_throw()
    {
        Prop.ForAll<string>(text => PolicyYaml.Load(text ?? "") is { } result && (result.Policy is null) == (result.Errors.Count > 0))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void No_truncation_of_a_valid_policy_makes_the_loader_throw()
    {
        for (var length = 0; length < PolicyYaml.Valid.Length; length += 7)
        {
            var result = PolicyYaml.Load(PolicyYaml.Valid[..length]);
            Assert.True(result.Policy is null == result.Errors.Count > 0, $"inconsistent result at length {length}");
        }
    }
}
