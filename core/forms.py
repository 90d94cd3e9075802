from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, which answers a taken address with the same page as a new one
    (and mails its owner instead), made as slow for it too.

    For a taken address allauth skips hashing the password, the one slow step of creating
    an account, so the speed of the answer told which addresses are registered.
    """

    def try_save(self, request):
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
