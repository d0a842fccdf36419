using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Community.Web.Features.Privacy;

public class DeletedModel : PageModel
{
    public void OnGet() { }
}
