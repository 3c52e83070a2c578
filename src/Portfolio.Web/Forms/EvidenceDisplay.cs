using Portfolio.Evidence;

namespace Portfolio.Web.Forms;

/// <summary>
/// What the shared evidence partials need: the item and revision, whether its candidate may still change
/// annotations (only on their own draft), and the download handler of the area showing it.
/// </summary>
public sealed record EvidenceDisplay(EvidenceDetail Detail, bool CandidateCanEdit, string FileHandler);
