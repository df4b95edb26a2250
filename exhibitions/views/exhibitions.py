from django.shortcuts import render


def index(request):
    return render(request, "exhibitions/index.html")
