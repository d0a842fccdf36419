using Community.Web.Features.Threads;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Features.Hubs;

public enum HubTab { Latest, Unanswered, Solved }
