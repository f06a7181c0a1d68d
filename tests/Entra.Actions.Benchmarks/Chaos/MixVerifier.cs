namespace Entra.Actions.Benchmarks.Chaos;

/// <summary>
/// Judges the mixed actions' results: per user, in round order, every success must be possible given what is known, and the
/// group's final members must match each user's last known state (a failed write leaves either state possible).
/// </summary>
internal static class MixVerifier
{
    /// <summary>Replays each user's results in round order against what the directory holds now.</summary>
    public static (int Disagreements, List<string> Samples, int Inexact, int Unknown) Verify(List<ItemResult> results, List<string> ids, bool[] initial, HashSet<string> members)
    {
        var disagreements = 0;
        var inexact = 0;
        var unknown = 0;
        var samples = new List<string>();
        void Wrong(string what)
        {
            disagreements++;
            if (samples.Count < 10)
            {
                samples.Add(what);
            }
        }

        foreach (var user in results.GroupBy(r => r.User))
        {
            bool? state = initial[user.Key];
            var rounds = user.OrderBy(r => r.Round).ToList();
            for (var i = 1; i < rounds.Count; i++)
            {
                if (rounds[i].Round == rounds[i - 1].Round)
                {
                    Wrong($"user {user.Key}: two results for round {rounds[i].Round}");
                }
            }

            foreach (var r in rounds)
            {
                if (r.Kind.IsAdd() || r.Kind.IsRemove())
                {
                    if (!r.Succeeded)
                    {
                        state = null;
                        continue;
                    }

                    var add = r.Kind.IsAdd();
                    var expected = add ? new[] { "Added", "AlreadyMember" } : ["Removed", "NotAMember"];
                    if (!expected.Contains(r.Outcome))
                    {
                        Wrong($"user {user.Key} round {r.Round} {r.Kind}: outcome '{r.Outcome}'");
                    }
                    else if ((r.Outcome == "Added" && state == true) || (r.Outcome == "Removed" && state == false))
                    {
                        // Graph refuses a second add (400) and a second remove (404): a change that was not possible is a wrong success.
                        Wrong($"user {user.Key} round {r.Round} {r.Kind}: {r.Outcome} but the user {(state == true ? "was already a member" : "was not a member")}");
                    }
                    else if ((r.Outcome == "AlreadyMember" && state == false) || (r.Outcome == "NotAMember" && state == true))
                    {
                        // The library's resend after an applied-then-error answer finds its own earlier write: the state is right.
                        inexact++;
                    }

                    state = add;
                }
                else if (r.Succeeded && !string.Equals(r.FoundId, ids[r.User], StringComparison.OrdinalIgnoreCase))
                {
                    Wrong($"user {user.Key} round {r.Round} {r.Kind}: found '{r.FoundId}'");
                }
            }

            var isMember = members.Contains(ids[user.Key]);
            if (state is { } final && final != isMember)
            {
                Wrong($"user {user.Key}: last successful result says {(final ? "member" : "not a member")}, the group says {(isMember ? "member" : "not a member")}");
            }
            else if (state is null)
            {
                unknown++;
            }
        }

        return (disagreements, samples, inexact, unknown);
    }
}
