using Entra.Actions.Directory.Internal;
using Entra.Actions.Http.Internal;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Bulk.Internal;

/// <summary>What every part of the engine sends through: the two seams, the connection's gate and pacer, its options and clock.</summary>
internal sealed record BulkServices(
    IEntraDirectory Directory,
    IEntraBulkDirectory Bulk,
    ThrottleGate Gate,
    WritePacer Pacer,
    EntraActionsOptions Options,
    TimeProvider Time,
    ILogger Logger);
