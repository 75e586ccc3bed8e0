using System.Text.Json;
using System.Text.Json.Serialization;
using Overseer.Contracts.Executor;
using Overseer.Contracts.Stats;
using Overseer.Contracts.Users;

namespace Overseer.Contracts.Json;

/// <summary>Source-generated JSON metadata for the users, sessions, stats and executor wire types (same settings as <see cref="ContractsJsonContext"/>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(SessionDto))]
[JsonSerializable(typeof(CurrentSessionDto))]
[JsonSerializable(typeof(UserDto))]
[JsonSerializable(typeof(IReadOnlyList<UserDto>))]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(UpdateUserRequest))]
[JsonSerializable(typeof(StatsDto))]
[JsonSerializable(typeof(ExecutorDto))]
public sealed partial class AdminJsonContext : JsonSerializerContext;
