using Entra.Actions.Directory.Internal;
using Entra.Actions.Throttling.Internal;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Bulk.Internal;

/// <summary>What every part of the engine sends through: the two seams, the connection's throttling, its options and clock.</summary>
internal sealed record BulkServices(
    IEntraDirectory Directory,
    IEntraBulkDirectory Bulk,
    ThrottleCoordinator Throttle,
    EntraActionsOptions Options,
    TimeProvider Time,
    ILogger Logger);
